"""Essays wait in the admin's marking queue; the trainee sees "awaiting marking" until
an instructor marks them, then the result on the dashboard."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from courses.models import ModulePage
from learning import services as learning
from quizzes.attempts import save_answers, start_attempt, submit_attempt
from quizzes.models import Attempt, Response
from tests.factories.accounts import TraineeFactory
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


@pytest.fixture
def submitted(course, trainee):
    essay = QuestionFactory(
        question_type="essay",
        stem="<p>Explain how you would preserve a suspect's cloud account.</p>",
        explanation="<p>Marking guide: identify the provider, urgency, safeguards.</p>",
    )
    choice = QuestionFactory(options=[("Preservation", True), ("Seize", False)])
    quiz = QuizPageFactory(
        parent=ModulePage.objects.order_by("path").first(),
        questions=[essay, choice],
        pass_mark=70,
    )
    learning.enrol(trainee, course)
    attempt = start_attempt(trainee, quiz)
    right = next(o for o in choice.options.all() if o.is_correct)
    save_answers(
        attempt,
        trainee,
        {
            essay.pk: {"text": "Send a preservation request at once."},
            choice.pk: {"options": [right.pk]},
        },
    )
    return submit_attempt(attempt)


@pytest.fixture
def marker(db):
    user = TraineeFactory(email="marker@example.org")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "change_response", "view_response"]
        )
    )
    return user


def test_submitted_essay_awaits_marking(client, trainee, submitted):
    assert submitted.awaiting_marking and submitted.score is None
    client.force_login(trainee)
    result = client.get(reverse("quizzes:result", args=[submitted.pk])).content
    assert "Awaiting marking" in result.decode()
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "Awaiting marking" in dashboard


def test_instructor_marks_an_essay_and_the_trainee_sees_the_result(
    client, trainee, submitted, marker
):
    client.force_login(marker)
    queue = client.get(reverse("marking_queue:index")).content.decode()
    assert "To mark" in queue and "Amina K." in queue
    essay = Response.objects.get(question__question_type="essay")
    edit_url = reverse("marking_queue:edit", args=[essay.pk])
    page = client.get(edit_url).content.decode()
    assert "Send a preservation request at once." in page
    assert "Marking guide" in page

    response = client.post(
        edit_url, {"mark": 80, "marker_comment": "Good; add safeguards."}
    )

    assert response.status_code == HTTPStatus.FOUND
    attempt = Attempt.objects.get()
    assert not attempt.awaiting_marking
    assert attempt.score == 90 and attempt.passed
    client.force_login(trainee)
    dashboard = client.get(reverse("learning:dashboard")).content.decode()
    assert "90% · passed" in dashboard
    result = client.get(reverse("quizzes:result", args=[attempt.pk])).content.decode()
    assert "Good; add safeguards." in result


def test_a_mark_outside_0_to_100_is_refused(client, submitted, marker):
    client.force_login(marker)
    essay = Response.objects.get(question__question_type="essay")
    response = client.post(
        reverse("marking_queue:edit", args=[essay.pk]),
        {"mark": 150, "marker_comment": ""},
    )
    assert response.status_code == HTTPStatus.OK
    assert (
        "Ensure this value is less than or equal to 100." in response.content.decode()
    )
    essay.refresh_from_db()
    assert essay.score is None


def test_trainees_cannot_open_the_marking_queue(client, trainee, submitted):
    client.force_login(trainee)
    response = client.get(reverse("marking_queue:index"))
    assert response["Location"].startswith(reverse("wagtailadmin_login"))
