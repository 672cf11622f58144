"""Browser steps that several journeys share."""

import re

from quizzes.models import Attempt, Question


def log_in(page, site: str, email: str, password: str) -> None:
    page.goto(site + "/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.get_by_role("button", name="Sign In").click()


def answer_every_question(page, right: bool) -> None:
    """Answer the attempt on screen, all right or all wrong, through the form."""
    attempt = Attempt.objects.get(pk=re.search(r"/attempts/(\d+)/", page.url)[1])
    for fieldset in page.locator("fieldset.question").all():
        question = Question.objects.get(
            pk=int(fieldset.get_attribute("id").split("-")[1])
        )
        if question.question_type in {"single_choice", "multiple_response"}:
            for option in question.options.all():
                box = fieldset.locator(f"#o-{attempt.option_keys[str(option.pk)]}")
                if option.is_correct == right:
                    box.check()
                elif question.question_type == "multiple_response":
                    box.uncheck()
                if (
                    question.question_type == "single_choice"
                    and option.is_correct == right
                ):
                    break
        elif question.question_type == "true_false":
            value = (
                question.true_false_answer if right else not question.true_false_answer
            )
            fieldset.locator(f"#q{question.pk}-{'true' if value else 'false'}").check()
        else:
            text = question.accepted_answer_list[0] if right else "no idea"
            fieldset.locator(f"#q{question.pk}-text").fill(text)
