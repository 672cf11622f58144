"""Adding questions to the bank: one validated question, or every question of a
GIFT file (parsed by `quizzes.gift`) at once or none."""

from django.db import transaction
from django.utils.translation import gettext as _

from courses import convention
from quizzes.errors import QuizError
from quizzes.gift import GiftParseResult
from quizzes.models import Option, Question, QuestionCategory


def build_question(
    category: QuestionCategory,
    *,
    question_type: str,
    stem: str,
    articles: list[int],
    difficulty: str = Question.Difficulty.MEDIUM,
    explanation: str = "",
    options: list[tuple[str, bool, str]] = (),
    true_false_answer: bool | None = None,
    feedback_true: str = "",
    feedback_false: str = "",
    accepted_answers: list[str] = (),
) -> Question:
    """Create a validated bank question; options as (text, is_correct, feedback)."""
    question = Question(
        category=category,
        question_type=question_type,
        difficulty=difficulty,
        stem=stem,
        explanation=explanation,
        articles=convention.format_article_list(articles),
        true_false_answer=true_false_answer,
        feedback_true=feedback_true,
        feedback_false=feedback_false,
        accepted_answers="\n".join(accepted_answers),
    )
    # sort_order as given: only the admin's forms fill it in otherwise, and rows
    # that tie come back in any order on PostgreSQL.
    question.options = [
        Option(text=text, is_correct=is_correct, feedback=feedback, sort_order=order)
        for order, (text, is_correct, feedback) in enumerate(options)
    ]
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def import_gift(parsed: GiftParseResult, default_category: str) -> list[Question]:
    """Create every parsed question, or none: the caller imports only a clean file."""
    if not parsed.ok:
        raise QuizError(_("The file has errors; nothing was imported."))
    created = []
    for item in parsed.questions:
        category, _created = QuestionCategory.objects.get_or_create(
            name=(item.category or default_category)[:120]
        )
        created.append(
            build_question(
                category,
                question_type=item.question_type,
                stem=item.stem,
                articles=item.articles,
                difficulty=item.difficulty,
                explanation=item.explanation,
                options=[(o.text, o.is_correct, o.feedback) for o in item.options],
                true_false_answer=item.true_false_answer,
                feedback_true=item.feedback_true,
                feedback_false=item.feedback_false,
                accepted_answers=item.accepted_answers,
            )
        )
    return created
