"""Item analysis of a quiz: only graded attempts of that quiz count, facility and
discrimination match figures worked out by hand, weak questions are flagged, and the
report costs a fixed number of queries."""

from decimal import Decimal

import pytest

from courses.models import ModulePage
from quizzes.models import Attempt, Question, QuizPage, QuizQuestion, Response
from quizzes.reports import quiz_report, report_rows
from tests.factories.accounts import TraineeFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


@pytest.fixture
def questions(db) -> list[Question]:
    return [
        QuestionFactory(
            stem=f"<p>Question {number}?</p>",
            options=[("Right", True), ("Wrong", False)],
        )
        for number in range(1, 5)
    ]


@pytest.fixture
def quiz(course, questions) -> QuizPage:
    module = ModulePage.objects.order_by("path").first()
    return QuizPageFactory(parent=module, questions=questions, pass_mark=60)


@pytest.fixture
def learners(db) -> list:
    return [TraineeFactory(email=f"learner{n}@example.org") for n in range(5)]


def add_attempt(
    quiz: QuizPage,
    learner,
    scores: list[float | None],
    status: str = Attempt.Status.SUBMITTED,
) -> Attempt:
    """An attempt at every question of the quiz with these response scores, scored
    as `quizzes.grading.grade_attempt` would: no score while any response awaits
    marking."""
    question_ids = [item.question_id for item in quiz.quiz_questions.all()]
    graded = status == Attempt.Status.SUBMITTED and None not in scores
    score = Decimal(round(100 * sum(scores) / len(scores), 2)) if graded else None
    attempt = Attempt.objects.create(
        learner=learner,
        quiz=quiz,
        quiz_key=quiz.translation_key,
        number=Attempt.objects.filter(learner=learner, quiz=quiz).count() + 1,
        status=status,
        question_ids=question_ids,
        score=score,
        passed=None if score is None else score >= quiz.pass_mark,
        awaiting_marking=status == Attempt.Status.SUBMITTED and not graded,
    )
    Response.objects.bulk_create(
        Response(attempt=attempt, question_id=question_id, score=question_score)
        for question_id, question_score in zip(question_ids, scores, strict=True)
    )
    return attempt


def test_a_quiz_without_graded_attempts_has_no_figures(quiz, questions):
    report = quiz_report(quiz)

    assert (report.attempts, report.learners) == (0, 0)
    assert report.pass_rate is None
    assert report.mean_score is None
    assert [stats.question for stats in report.questions] == questions
    for stats in report.questions:
        assert stats.responses == 0
        assert stats.facility is None
        assert stats.discrimination is None
        assert stats.flags == []


def test_pass_rate_and_mean_score_count_every_graded_attempt(quiz, learners):
    first, second, third = learners[:3]
    add_attempt(quiz, first, [0, 1, 0, 1])  # 50: failed, then
    add_attempt(quiz, first, [1, 1, 1, 1])  # 100: passed
    add_attempt(quiz, second, [1, 1, 1, 0])  # 75: passed
    add_attempt(quiz, third, [0, 0, 1, 0])  # 25: failed

    report = quiz_report(quiz)

    assert report.attempts == 4
    assert report.learners == 3
    assert report.pass_rate == pytest.approx(50.0)
    assert report.mean_score == pytest.approx((50 + 100 + 75 + 25) / 4)


def test_facility_is_the_mean_response_score_as_a_percentage(quiz, learners):
    add_attempt(quiz, learners[0], [1, 1, 1, 1])
    add_attempt(quiz, learners[1], [0.5, 0, 1, 1])  # half marks on a multiple response
    add_attempt(quiz, learners[2], [0, 0, 1, 0])
    add_attempt(quiz, learners[3], [0.5, 1, 1, 0])

    first, second = quiz_report(quiz).questions[:2]

    assert first.responses == 4
    assert first.facility == pytest.approx(100 * (1 + 0.5 + 0 + 0.5) / 4)
    assert second.facility == pytest.approx(50.0)


def test_discrimination_is_the_correlation_with_the_attempt_score(quiz, learners):
    add_attempt(quiz, learners[0], [1, 1, 1, 1])  # 100
    add_attempt(quiz, learners[1], [1, 0, 1, 1])  # 75
    add_attempt(quiz, learners[2], [0, 1, 1, 1])  # 75

    first, _second, third, _fourth = quiz_report(quiz).questions

    # Question 1 scores (1, 1, 0) against attempt scores (100, 75, 75): deviations
    # from the means (1/3, 1/3, -2/3) and (50/3, -25/3, -25/3); covariance sum 25/3,
    # sums of squares 2/3 and 1250/3, so r = (25/3) / sqrt(2500/9) = 0.5.
    assert first.discrimination == pytest.approx(0.5)
    assert first.flags == []
    # Everyone got question 3 right: no variance, nothing to correlate.
    assert third.discrimination is None


def test_strong_attempts_right_is_positive_and_the_inverse_is_flagged(quiz, learners):
    add_attempt(quiz, learners[0], [1, 0, 1, 1])  # 75
    add_attempt(quiz, learners[1], [1, 0, 1, 1])  # 75
    add_attempt(quiz, learners[2], [1, 1, 0, 0])  # 50
    add_attempt(quiz, learners[3], [0, 1, 0, 0])  # 25
    add_attempt(quiz, learners[4], [0, 1, 0, 0])  # 25

    strong_only, inverted = quiz_report(quiz).questions[:2]

    assert strong_only.discrimination > 0.5
    assert strong_only.flags == []
    # Weak attempts get the second question right and strong ones wrong: a wrong key
    # or a misleading stem.
    assert inverted.discrimination < 0
    assert [str(flag) for flag in inverted.flags] == ["may mislead"]


def test_questions_everyone_or_no_one_gets_right_are_flagged(quiz, learners):
    add_attempt(quiz, learners[0], [1, 0, 1, 1])  # 75
    add_attempt(quiz, learners[1], [1, 0, 1, 0])  # 50
    add_attempt(quiz, learners[2], [0.5, 0, 1, 0])  # 37.5
    add_attempt(quiz, learners[3], [0, 0, 1, 0])  # 25
    add_attempt(quiz, learners[4], [0, 0, 1, 0])  # 25

    middling, impossible, obvious, borderline = quiz_report(quiz).questions

    assert middling.flags == []
    assert impossible.facility == 0
    assert [str(flag) for flag in impossible.flags] == ["too hard"]
    assert obvious.facility == 100
    assert [str(flag) for flag in obvious.flags] == ["too easy"]
    # 20% is the threshold itself: only below it is a question too hard.
    assert borderline.facility == pytest.approx(20.0)
    assert borderline.flags == []


def test_in_progress_and_unmarked_attempts_are_left_out(quiz, learners):
    add_attempt(quiz, learners[0], [1, 1, 1, 1])
    add_attempt(quiz, learners[1], [None, None, None, None], Attempt.Status.IN_PROGRESS)
    # Submitted with an essay still to mark: its auto-graded answers wait with it.
    add_attempt(quiz, learners[2], [0, 0, 0, None])

    report = quiz_report(quiz)

    assert (report.attempts, report.learners) == (1, 1)
    assert report.pass_rate == 100
    assert report.mean_score == 100
    assert [stats.responses for stats in report.questions] == [1, 1, 1, 1]
    assert report.questions[0].facility == 100


def test_other_quizzes_attempts_are_left_out(course, quiz, questions, learners):
    module = ModulePage.objects.order_by("path").last()
    other = QuizPageFactory(parent=module, questions=questions, title="Another quiz")
    add_attempt(quiz, learners[0], [1, 1, 1, 1])
    add_attempt(other, learners[0], [0, 0, 0, 0])
    add_attempt(other, learners[1], [0, 0, 0, 0])

    report = quiz_report(quiz)

    assert (report.attempts, report.learners) == (1, 1)
    assert [stats.facility for stats in report.questions] == [100] * 4


def test_a_question_removed_from_the_quiz_keeps_its_results(quiz, questions, learners):
    add_attempt(quiz, learners[0], [1, 1, 1, 0])
    QuizQuestion.objects.filter(page=quiz, question=questions[0]).delete()

    report = quiz_report(quiz)

    assert [stats.question for stats in report.questions] == [
        *questions[1:],
        questions[0],
    ]
    assert report.questions[-1].facility == 100


@pytest.mark.parametrize("attempts", [5, 50])
def test_the_query_count_does_not_grow_with_attempts(
    quiz, learners, attempts, django_assert_max_num_queries
):
    for number in range(attempts):
        scores = [number % 2, (number // 2) % 2, 1, number % 3 / 2]
        add_attempt(quiz, learners[number % len(learners)], scores)

    with django_assert_max_num_queries(3):
        report = quiz_report(quiz)

    assert report.attempts == attempts
    assert [stats.responses for stats in report.questions] == [attempts] * 4


def test_report_rows_give_a_header_and_one_row_per_question(quiz, learners):
    add_attempt(quiz, learners[0], [1, 1, 1, 1])  # 100
    add_attempt(quiz, learners[1], [1, 0, 1, 1])  # 75
    add_attempt(quiz, learners[2], [0, 1, 1, 1])  # 75

    rows = report_rows(quiz_report(quiz))

    assert rows[0] == [
        "Question",
        "Type",
        "Convention articles",
        "Responses",
        "Facility index (%)",
        "Discrimination",
        "Flags",
    ]
    assert len(rows) == 1 + 4
    assert all(len(row) == 7 for row in rows)
    assert all(isinstance(cell, str) for row in rows for cell in row)
    assert rows[1] == ["Question 1?", "Single choice", "25", "3", "66.7", "0.50", ""]
    assert rows[3] == [
        "Question 3?",
        "Single choice",
        "25",
        "3",
        "100.0",
        "",
        "too easy",
    ]
