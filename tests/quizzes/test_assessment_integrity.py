"""A determined trainee cannot pass a quiz without knowing the answers: nothing in the
page says which option is correct, a failed attempt's review does not show the
correct options, a retake asks other questions, and the final assessment opens only
when the modules are complete. Before submitting, the trainee sees what is left
unanswered; after, where to go next."""

import re
from http import HTTPStatus

import pytest
from django.http import QueryDict
from django.urls import reverse

from courses.models import LessonPage, ModulePage
from learning import services as learning
from quizzes.attempts import questions_of, start_attempt, submit_attempt
from quizzes.drawing import chapter_shares
from quizzes.models import Attempt, QuizPage
from quizzes.views import answers_from
from tests.factories.quizzes import QuestionFactory, QuizPageFactory

OPTIONS = re.compile(r'name="q(\d+)" id="o-[^"]+" value="([^"]+)"')
REVEALED = '<span class="tick">correct answer</span>'


def choice_question(number: int, articles: str = "25"):
    """A question whose correct option was written first (and so has the lowest
    id), as the demo bank's authors often did."""
    return QuestionFactory(
        stem=f"<p>Question {number}</p>",
        articles=articles,
        explanation=f"<p>Article {articles} explains question {number}.</p>",
        options=[
            (f"Right answer {number}", True),
            (f"Wrong answer {number}a", False),
            (f"Wrong answer {number}b", False),
            (f"Wrong answer {number}c", False),
        ],
    )


@pytest.fixture
def pool(db):
    return [choice_question(number) for number in range(20)]


@pytest.fixture
def module_quiz(course, pool) -> QuizPage:
    module = ModulePage.objects.order_by("path").first()
    return QuizPageFactory(
        parent=module, questions=pool, questions_to_draw=10, pass_mark=70
    )


@pytest.fixture
def trainee_client(client, trainee, course):
    learning.enrol(trainee, course)
    client.force_login(trainee)
    return client


def start(client, quiz) -> Attempt:
    client.post(reverse("quizzes:start", args=[quiz.pk]))
    return Attempt.objects.latest("pk")


def test_no_identifier_in_the_page_beats_chance(trainee_client, trainee, module_quiz):
    """Choosing the lowest, the highest or the first option value of every
    question, over many attempts, scores what guessing scores (1 in 4)."""
    hits = {"lowest": 0, "highest": 0, "first": 0}
    trials = 0
    for _attempt in range(40):
        attempt = start(trainee_client, module_quiz)
        html = trainee_client.get(
            reverse("quizzes:attempt", args=[attempt.pk])
        ).content.decode()
        correct_keys = {
            attempt.option_keys[str(option.pk)]
            for item in questions_of(attempt)
            for option in item.options
            if option.is_correct
        }
        values: dict[str, list[str]] = {}
        for question_id, value in OPTIONS.findall(html):
            values.setdefault(question_id, []).append(value)
        assert len(values) == 10
        for shown in values.values():
            assert not any(value.isdigit() for value in shown)  # no database ids
            trials += 1
            hits["lowest"] += min(shown) in correct_keys
            hits["highest"] += max(shown) in correct_keys
            hits["first"] += shown[0] in correct_keys
        submit_attempt(attempt)
    chance, spread = 0.25, (0.25 * 0.75 / trials) ** 0.5
    for strategy, count in hits.items():
        assert count / trials < chance + 4 * spread, strategy


def test_option_keys_change_with_every_attempt(trainee, course, module_quiz):
    QuizPage.objects.filter(pk=module_quiz.pk).update(questions_to_draw=None)
    module_quiz.refresh_from_db()
    learning.enrol(trainee, course)
    first = start_attempt(trainee, module_quiz)
    submit_attempt(first)
    second = start_attempt(trainee, module_quiz)
    shared = set(first.option_keys) & set(second.option_keys)
    assert shared  # the same option appears in both attempts...
    for option_id in shared:  # ...under another key
        assert first.option_keys[option_id] != second.option_keys[option_id]


def test_a_retake_asks_other_questions_while_the_pool_allows(
    trainee, course, module_quiz
):
    learning.enrol(trainee, course)
    first = start_attempt(trainee, module_quiz)
    submit_attempt(first)
    second = start_attempt(trainee, module_quiz)
    assert not set(first.question_ids) & set(second.question_ids)
    submit_attempt(second)
    third = start_attempt(trainee, module_quiz)
    assert len(third.question_ids) == 10  # the pool is used up: it starts again


def test_a_failed_review_shows_what_was_wrong_not_the_correct_option(
    trainee_client, trainee, module_quiz
):
    attempt = start(trainee_client, module_quiz)
    wrong = {
        item.question.pk: next(o for o in item.options if not o.is_correct)
        for item in questions_of(attempt)
    }
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]),
        {f"q{pk}": option.key for pk, option in wrong.items()},
    )
    html = trainee_client.get(reverse("quizzes:result", args=[attempt.pk]))
    html = html.content.decode()
    assert "You did not pass this time." in html
    assert html.count("Not correct") == 10
    assert "Feedback on Wrong answer" in html  # why the chosen option is wrong
    assert 'class="article-link"' in html  # the explanation links to the card
    assert REVEALED not in html and "is-correct" not in html
    assert "Feedback on Right answer" not in html


def test_the_correct_answers_show_once_passed(trainee_client, trainee, module_quiz):
    attempt = start(trainee_client, module_quiz)
    right = {
        item.question.pk: next(o for o in item.options if o.is_correct)
        for item in questions_of(attempt)
    }
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]),
        {f"q{pk}": option.key for pk, option in right.items()},
    )
    html = trainee_client.get(reverse("quizzes:result", args=[attempt.pk]))
    assert html.content.decode().count(REVEALED) == 10


def test_the_correct_answers_show_once_no_attempt_is_left(
    trainee_client, trainee, module_quiz
):
    QuizPage.objects.filter(pk=module_quiz.pk).update(attempts_allowed=2)
    first = start(trainee_client, module_quiz)
    trainee_client.post(reverse("quizzes:submit", args=[first.pk]), {"confirmed": "1"})
    review = trainee_client.get(reverse("quizzes:result", args=[first.pk]))
    assert REVEALED not in review.content.decode()
    last = start(trainee_client, module_quiz)
    trainee_client.post(reverse("quizzes:submit", args=[last.pk]), {"confirmed": "1"})
    review = trainee_client.get(reverse("quizzes:result", args=[last.pk]))
    assert review.content.decode().count(REVEALED) == 10


def test_unanswered_questions_are_counted_and_confirmed(
    trainee_client, trainee, module_quiz
):
    attempt = start(trainee_client, module_quiz)
    items = questions_of(attempt)
    first = items[0]
    trainee_client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{first.question.pk}": first.options[0].key},
    )
    page = trainee_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    assert "Answered 1 of 10" in page.content.decode()

    asked = trainee_client.post(reverse("quizzes:submit", args=[attempt.pk]), {})
    assert asked.status_code == HTTPStatus.OK
    text = asked.content.decode()
    assert "You have not answered 9 of 10 questions." in text
    assert f"#question-{items[1].question.pk}" in text
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS  # nothing submitted yet

    done = trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), {"confirmed": "1"}
    )
    assert done.status_code == HTTPStatus.FOUND
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED


def test_a_pass_leads_on_to_the_next_module(trainee_client, trainee, module_quiz):
    for lesson in LessonPage.objects.child_of(module_quiz.get_parent()):
        learning.complete_lesson(trainee, lesson)
    attempt = start(trainee_client, module_quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]),
        {
            f"q{item.question.pk}": next(o for o in item.options if o.is_correct).key
            for item in questions_of(attempt)
        },
    )
    html = trainee_client.get(reverse("quizzes:result", args=[attempt.pk]))
    second_module = ModulePage.objects.order_by("path")[1]
    first_lesson = LessonPage.objects.child_of(second_module).order_by("path")[0]
    assert "Continue with the module" in html.content.decode()
    assert f'class="button" href="{first_lesson.url}"' in html.content.decode()


@pytest.fixture
def final_assessment(course, pool) -> QuizPage:
    return QuizPageFactory(
        parent=course,
        title="Final assessment",
        questions=pool,
        questions_to_draw=5,
        requires_all_modules=True,
    )


def test_the_final_assessment_opens_when_every_module_is_complete(
    trainee_client, trainee, course, final_assessment
):
    page = trainee_client.get(final_assessment.url).content.decode()
    assert "This assessment opens when every module of the course is complete." in page
    assert "0 of 2 lessons done" in page
    refused = trainee_client.post(reverse("quizzes:start", args=[final_assessment.pk]))
    assert refused.status_code == HTTPStatus.CONFLICT
    assert not Attempt.objects.exists()

    for lesson in LessonPage.objects.descendant_of(course):
        learning.complete_lesson(trainee, lesson)
    page = trainee_client.get(final_assessment.url).content.decode()
    assert "Start the quiz" in page
    started = trainee_client.post(reverse("quizzes:start", args=[final_assessment.pk]))
    assert started.status_code == HTTPStatus.FOUND


def test_the_final_assessment_draws_in_proportion_to_the_chapters(db):
    # Chapters I (6 articles), II (15), III (1) ... IX (10) with questions in each.
    available = dict.fromkeys(range(1, 10), 10)
    shares = chapter_shares(available, 20)
    assert sum(shares.values()) == 20
    assert all(share >= 1 for share in shares.values())  # every chapter
    assert shares[5] > shares[2] > shares[1] > shares[3]  # 18 > 15 > 6 > 1 articles
    assert chapter_shares({2: 3, 5: 30}, 10) == {2: 3, 5: 7}  # never more than held


def test_an_option_id_or_an_old_key_counts_as_no_answer(trainee, course, module_quiz):
    """Only this attempt's keys stand for options: a database id, or the key an
    option had in an earlier attempt, posted as an answer, selects nothing."""
    learning.enrol(trainee, course)
    earlier = start_attempt(trainee, module_quiz)
    submit_attempt(earlier)
    attempt = start_attempt(trainee, module_quiz)
    item = questions_of(attempt)[0]
    right = next(o for o in item.options if o.is_correct)
    data = QueryDict(mutable=True)
    data.setlist(
        f"q{item.question.pk}",
        [str(right.pk), earlier.option_keys.get(str(right.pk), "old-key")],
    )
    assert answers_from(attempt, data)[item.question.pk]["options"] == []


def test_an_attempt_started_before_option_keys_gets_them_when_shown(
    trainee_client, trainee, module_quiz
):
    attempt = start(trainee_client, module_quiz)
    Attempt.objects.filter(pk=attempt.pk).update(option_keys={})
    html = trainee_client.get(reverse("quizzes:attempt", args=[attempt.pk]))
    values = [value for _id, value in OPTIONS.findall(html.content.decode())]
    attempt.refresh_from_db()
    assert len(values) == 40 and set(values) == set(attempt.option_keys.values())
