"""Taking a quiz through HTTP: nothing leaks before submission, answers survive a
reload, submitting twice grades once, and the rules (time, attempts, ownership,
feedback policy, module completion) hold."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage, ModulePage
from learning import services as learning
from learning.models import ModuleCompletion
from quizzes.attempts import questions_of, start_attempt, submit_attempt
from quizzes.models import Attempt, QuizPage
from quizzes.results import category_progress
from tests.concurrency import run_at_once
from tests.factories.accounts import TraineeFactory, UserFactory
from tests.factories.courses import CoursePageFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


@pytest.fixture
def questions(db):
    return [
        QuestionFactory(
            options=[
                ("Preservation", True),
                ("Seizure", False),
                ("Interception", False),
            ]
        ),
        QuestionFactory(
            question_type="multiple_response",
            options=[("Hash it", True), ("Log it", True), ("Open it", False)],
        ),
        QuestionFactory(
            question_type="short_answer",
            accepted_answers="traffic data",
            explanation="<p>Explained only after submission.</p>",
        ),
    ]


@pytest.fixture
def quiz(course, questions) -> QuizPage:
    module = ModulePage.objects.order_by("path").first()
    return QuizPageFactory(parent=module, questions=questions, pass_mark=60)


@pytest.fixture
def trainee_client(client, trainee, course):
    learning.enrol(trainee, course)
    client.force_login(trainee)
    return client


def start(client, quiz) -> Attempt:
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == HTTPStatus.FOUND, response.content
    return Attempt.objects.latest("pk")


def form_for(attempt: Attempt, right: bool) -> dict:
    data = {}
    for question_id in attempt.question_ids:
        question = next(
            q for q in questions_of(attempt) if q.question.pk == question_id
        )
        options = [o for o in question.options if o.is_correct == right]
        if question.question.question_type == "short_answer":
            data[f"q{question_id}"] = "Traffic Data" if right else "content"
        else:
            data[f"q{question_id}"] = [o.key for o in options][:2]
    return data


def test_correct_answers_never_reach_the_browser_before_submission(
    trainee_client, quiz
):
    attempt = start(trainee_client, quiz)
    html = trainee_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content
    html = html.decode()
    assert "Which order keeps data from being deleted?" in html
    secrets = ["Feedback on", "traffic data", "Explained only", "is_correct"]
    secrets += ["is-correct", "correct answer", "data-correct"]
    for secret in secrets:
        assert secret not in html


def test_answers_are_saved_as_given_and_survive_a_reload(trainee_client, quiz):
    attempt = start(trainee_client, quiz)
    item = next(q for q in questions_of(attempt) if q.options)
    choice, question_id = item.options[0], item.question.pk
    saved = trainee_client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{question_id}": choice.key},
        headers={"X-Requested-With": "fetch"},
    )
    assert saved.json() == {"saved": 1}
    again = start(trainee_client, quiz)  # a reload, or the start button again
    assert again.pk == attempt.pk
    html = trainee_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content
    assert f'value="{choice.key}" checked' in html.decode()


def test_submitting_twice_grades_once(trainee_client, quiz):
    attempt = start(trainee_client, quiz)
    submit_url = reverse("quizzes:submit", args=[attempt.pk])
    trainee_client.post(submit_url, form_for(attempt, right=True))
    attempt.refresh_from_db()
    first = (attempt.score, attempt.submitted_at)
    response = trainee_client.post(submit_url, form_for(attempt, right=False))
    assert response["Location"] == reverse("quizzes:result", args=[attempt.pk])
    attempt.refresh_from_db()
    assert (attempt.score, attempt.submitted_at) == first
    assert attempt.passed and attempt.score == 100


def test_someone_elses_attempt_is_not_found(trainee_client, quiz, course):
    attempt = start(trainee_client, quiz)
    stranger = TraineeFactory(email="stranger@example.org")
    learning.enrol(stranger, course)
    trainee_client.force_login(stranger)
    for name in ["quizzes:attempt", "quizzes:result"]:
        url = reverse(name, args=[attempt.pk])
        assert trainee_client.get(url).status_code == HTTPStatus.NOT_FOUND
    for name in ["quizzes:save", "quizzes:submit"]:
        url = reverse(name, args=[attempt.pk])
        assert trainee_client.post(url, {}).status_code == HTTPStatus.NOT_FOUND
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS


def test_time_limit_is_enforced_on_the_server(trainee_client, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(time_limit_minutes=10)
    attempt = start(trainee_client, quiz)
    assert attempt.deadline is not None
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - timedelta(seconds=1)
    )
    late = trainee_client.post(
        reverse("quizzes:save", args=[attempt.pk]), form_for(attempt, right=True)
    )
    assert late.status_code == HTTPStatus.CONFLICT
    assert "The time for this attempt is over" in late.content.decode()
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), form_for(attempt, right=True)
    )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 0


def test_attempt_limit_and_retake_wait(trainee_client, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(
        attempts_allowed=2, retake_wait_minutes=30
    )
    attempt = start(trainee_client, quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), {"confirmed": "1"}
    )
    refused = trainee_client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert refused.status_code == HTTPStatus.CONFLICT
    assert "You can try again after" in refused.content.decode()

    Attempt.objects.update(submitted_at=timezone.now() - timedelta(hours=1))
    second = start(trainee_client, quiz)
    trainee_client.post(reverse("quizzes:submit", args=[second.pk]), {"confirmed": "1"})
    Attempt.objects.update(submitted_at=timezone.now() - timedelta(hours=1))
    refused = trainee_client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert "You have used all 2 attempts" in refused.content.decode()
    assert Attempt.objects.count() == 2  # every attempt is kept


def test_quizzes_need_enrolment(client, trainee, quiz, course):
    client.force_login(trainee)
    page = client.get(quiz.url).content.decode()
    assert "Start the quiz" not in page
    assert reverse("learning:enrol", args=[course.pk]) in page
    response = client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert response.status_code == HTTPStatus.CONFLICT
    assert "Enrol in the course" in response.content.decode()

    learning.enrol(trainee, course)
    assert "Start the quiz" in client.get(quiz.url).content.decode()


@pytest.mark.parametrize(
    ("policy", "passed", "visible"),
    [
        ("after_submission", False, True),
        ("after_passing", False, False),
        ("after_passing", True, True),
        ("never", True, False),
    ],
)
def test_feedback_follows_the_quiz_policy(
    trainee_client, quiz, policy, passed, visible
):
    QuizPage.objects.filter(pk=quiz.pk).update(feedback_policy=policy)
    attempt = start(trainee_client, quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), form_for(attempt, right=passed)
    )
    html = trainee_client.get(reverse("quizzes:result", args=[attempt.pk])).content
    assert ("Explained only after submission." in html.decode()) is visible


def test_passing_the_module_quiz_completes_the_module(trainee_client, trainee, quiz):
    module = ModulePage.objects.order_by("path").first()
    for lesson in LessonPage.objects.child_of(module):
        learning.complete_lesson(trainee, lesson)
    assert not ModuleCompletion.objects.filter(module=module).exists()

    failed = start(trainee_client, quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[failed.pk]), form_for(failed, right=False)
    )
    assert not ModuleCompletion.objects.filter(module=module).exists()
    passed = start(trainee_client, quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[passed.pk]), form_for(passed, right=True)
    )
    assert ModuleCompletion.objects.filter(module=module).exists()
    page = trainee_client.get(module.url).content.decode()
    assert "You have passed the module quiz." in page


def test_simultaneous_starts_open_one_attempt(committed_db):
    course = CoursePageFactory(modules=1, modules__lessons=1)
    question = QuestionFactory(options=[("Yes", True), ("No", False)])
    quiz = QuizPageFactory(parent=course, questions=[question], attempts_allowed=1)
    trainee = TraineeFactory()
    learning.enrol(trainee, course)
    errors = run_at_once(lambda: start_attempt(trainee, quiz), threads=6)
    assert errors == []
    assert Attempt.objects.count() == 1


def test_an_accommodation_gives_extra_attempts_and_time(
    client, trainee_client, trainee, quiz
):
    QuizPage.objects.filter(pk=quiz.pk).update(
        attempts_allowed=1, time_limit_minutes=20
    )
    attempt = start(trainee_client, quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), {"confirmed": "1"}
    )
    refused = trainee_client.post(reverse("quizzes:start", args=[quiz.pk]))
    assert refused.status_code == HTTPStatus.CONFLICT

    staff = UserFactory(email="staff@example.org", superuser=True)
    client.force_login(staff)
    created = client.post(
        reverse("wagtailsnippets_quizzes_accommodation:add"),
        {
            "learner": trainee.pk,
            "quiz": quiz.pk,
            "extra_attempts": 1,
            "extra_minutes": 15,
            "note": "Unstable connection at the training centre",
        },
    )
    assert created.status_code == HTTPStatus.FOUND

    trainee_client.force_login(trainee)
    second = start(trainee_client, quiz)
    assert second.number == 2
    minutes = (second.deadline - second.started_at).total_seconds() / 60
    assert round(minutes) == 35


def test_immediate_feedback_shows_one_answer_and_makes_it_final(trainee_client, quiz):
    QuizPage.objects.filter(pk=quiz.pk).update(feedback_policy="immediate")
    attempt = start(trainee_client, quiz)
    item = next(
        q for q in questions_of(attempt) if q.question.question_type == "single_choice"
    )
    wrong = next(o for o in item.options if not o.is_correct)
    right = next(o for o in item.options if o.is_correct)
    save_url = reverse("quizzes:save", args=[attempt.pk])
    field = f"q{item.question.pk}"

    trainee_client.post(save_url, {field: wrong.key, "check": str(item.question.pk)})
    html = trainee_client.get(reverse("quizzes:attempt", args=[attempt.pk])).content
    html = html.decode()
    assert "Not correct" in html and "This answer is final." in html
    assert f"Feedback on {wrong.text}." in html

    trainee_client.post(save_url, {field: right.key})
    saved = Attempt.objects.get().responses.get(question_id=item.question.pk)
    assert saved.selected_option_ids == [wrong.pk]


def test_check_is_refused_when_feedback_comes_at_the_end(trainee_client, quiz):
    attempt = start(trainee_client, quiz)
    question_id = attempt.question_ids[0]
    response = trainee_client.post(
        reverse("quizzes:save", args=[attempt.pk]),
        {f"q{question_id}": "", "check": str(question_id)},
    )
    assert response.status_code == HTTPStatus.CONFLICT
    assert "only at the end" in response.content.decode()


def test_dashboard_shows_quiz_results_by_topic(trainee_client, quiz):
    attempt = start(trainee_client, quiz)
    trainee_client.post(
        reverse("quizzes:submit", args=[attempt.pk]), form_for(attempt, right=True)
    )
    html = trainee_client.get(reverse("learning:dashboard")).content.decode()
    assert "Quiz results by topic" in html
    assert "<td>Chapter IV</td><td>3</td><td>100%</td>" in html
    assert "100% · passed" in html


def test_topics_follow_the_order_of_the_question_bank(trainee, course):
    chapter_v = QuestionFactory(category__name="Chapter V", options=[("Yes", True)])
    chapter_ix = QuestionFactory(category__name="Chapter IX", options=[("Yes", True)])
    quiz = QuizPageFactory(
        parent=ModulePage.objects.first(), questions=[chapter_ix, chapter_v]
    )
    learning.enrol(trainee, course)
    attempt = start_attempt(trainee, quiz)
    submit_attempt(attempt)

    topics = [topic.category for topic in category_progress(trainee)]

    assert topics == ["Chapter V", "Chapter IX"]  # not alphabetical: IX < V


def test_autosave_and_submit_cost_the_same_queries_for_a_long_quiz(
    trainee_client, course, questions
):
    """A 30-question quiz autosaves and submits in as many queries as a 3-question
    one: the answers are written in one statement, not one per question."""
    module = ModulePage.objects.order_by("path").first()
    extra = [
        QuestionFactory(options=[("Right", True), ("Wrong", False)]) for _ in range(27)
    ]
    short = QuizPageFactory(parent=module, questions=questions, title="Short quiz")
    long = QuizPageFactory(
        parent=module, questions=questions + extra, title="Long quiz"
    )

    def take(quiz) -> tuple[int, int, Attempt]:
        attempt = start(trainee_client, quiz)
        form = form_for(attempt, right=True)
        save_url = reverse("quizzes:save", args=[attempt.pk])
        with CaptureQueriesContext(connection) as saving:
            saved = trainee_client.post(
                save_url, form, headers={"X-Requested-With": "fetch"}
            )
        assert saved.json() == {"saved": len(attempt.question_ids)}
        # Saving again updates the same answers rather than adding new ones.
        trainee_client.post(save_url, form, headers={"X-Requested-With": "fetch"})
        with CaptureQueriesContext(connection) as submitting:
            trainee_client.post(reverse("quizzes:submit", args=[attempt.pk]), form)
        attempt.refresh_from_db()
        return len(saving), len(submitting), attempt

    short_save, short_submit, _ = take(short)
    long_save, long_submit, attempt = take(long)
    assert (long_save, long_submit) == (short_save, short_submit)
    # Submitting includes learning's completion rules, under the enrolment's lock.
    assert long_save <= 12 and long_submit <= 31
    assert attempt.responses.count() == 30
    assert attempt.passed and attempt.score == 100
