"""A course may give its certificates a validity period. An expired certificate
verifies as expired, and its holder is invited to retake the course to renew it."""

from datetime import date, timedelta
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from certificates.services import expiry_date
from courses.models import LessonPage, ModulePage
from learning import services as learning
from learning.models import LessonCompletion, ModuleCompletion
from quizzes.attempts import save_answers, start_attempt, submit_attempt
from quizzes.results import has_passed
from tests.factories.learning import finish_course
from tests.factories.quizzes import QuestionFactory, QuizPageFactory


@pytest.mark.parametrize(
    ("completed", "months", "expires"),
    [
        (date(2026, 3, 15), 24, date(2028, 3, 15)),
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2027, 11, 30), 3, date(2028, 2, 29)),
        (date(2026, 5, 1), None, None),
    ],
)
def test_expiry_date_counts_calendar_months(completed, months, expires):
    assert expiry_date(completed, months) == expires


@pytest.fixture
def two_year_course(course):
    course.certificate_valid_months = 24
    course.save()
    return course


def expire(certificate: Certificate) -> Certificate:
    """Move the expiry into the past, as if two years had gone by."""
    certificate.expires_on = timezone.localdate() - timedelta(days=1)
    certificate.save(update_fields=["expires_on"])
    return certificate


def verify_page(client, certificate) -> tuple[int, str]:
    response = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    return response.status_code, response.content.decode()


def test_certificate_of_a_course_with_a_validity_period_shows_its_end(
    client, trainee, two_year_course
):
    certificate = finish_course(trainee, two_year_course)
    assert certificate.expires_on == expiry_date(certificate.completed_on, 24)

    status, html = verify_page(client, certificate)

    assert status == HTTPStatus.OK
    assert "Valid certificate" in html
    assert f"Valid until {certificate.expires_on:%-d %B %Y}" in html


def test_expired_certificate_verifies_as_expired(client, trainee, two_year_course):
    certificate = expire(finish_course(trainee, two_year_course))

    status, html = verify_page(client, certificate)

    assert status == HTTPStatus.OK
    assert "Expired certificate" in html and "Valid certificate" not in html
    assert f"expired on {certificate.expires_on:%-d %B %Y}" in html
    assert "Amina K." in html


def test_revocation_outranks_expiry(client, trainee, two_year_course):
    certificate = expire(finish_course(trainee, two_year_course))
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = "Issued in error"
    certificate.save()

    _status, html = verify_page(client, certificate)

    assert "Revoked certificate" in html and "Expired certificate" not in html


def test_my_learning_invites_the_holder_of_an_expired_certificate_to_retake(
    client, trainee, two_year_course
):
    expire(finish_course(trainee, two_year_course))
    client.force_login(trainee)

    html = client.get(reverse("learning:dashboard")).content.decode()

    assert "Retake the course to renew it." in html
    assert reverse("learning:retake", args=[two_year_course.pk]) in html


def test_retaking_starts_the_course_again_and_renews_the_certificate(
    client, trainee, two_year_course
):
    question = QuestionFactory(options=[("Preserve", True), ("Wait", False)])
    quiz = QuizPageFactory(parent=ModulePage.objects.first(), questions=[question])
    learning.enrol(trainee, two_year_course)
    attempt = start_attempt(trainee, quiz)
    right = question.options.get(text="Preserve")
    save_answers(attempt, trainee, {question.pk: {"options": [right.pk]}})
    submit_attempt(attempt)
    old = expire(finish_course(trainee, two_year_course))
    client.force_login(trainee)
    url = reverse("learning:retake", args=[two_year_course.pk])

    confirm = client.get(url)
    assert confirm.status_code == HTTPStatus.OK
    assert "start again from zero" in confirm.content.decode()
    assert LessonCompletion.objects.filter(learner=trainee).exists()  # GET: no change

    response = client.post(url, follow=True)

    assert "You are retaking the course." in response.content.decode()
    assert not LessonCompletion.objects.filter(learner=trainee).exists()
    assert not ModuleCompletion.objects.filter(learner=trainee).exists()
    attempt.refresh_from_db()
    assert attempt.archived and attempt.passed  # kept on record, no longer counted
    assert not has_passed(trainee, quiz)
    progress = learning.course_progress(trainee, two_year_course)
    assert progress.completed == 0 and progress.completed_at is None

    finish_course(trainee, two_year_course)
    assert Certificate.objects.filter(learner=trainee).count() == 1  # quiz not passed
    again = start_attempt(trainee, quiz)
    assert again.number == 2
    save_answers(again, trainee, {question.pk: {"options": [right.pk]}})
    submit_attempt(again)

    renewed = Certificate.objects.filter(learner=trainee).latest("issued_at")
    assert renewed != old and renewed.round == 2
    assert renewed.expires_on == expiry_date(timezone.localdate(), 24)
    old.refresh_from_db()
    assert old.status == "expired"
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert renewed.code in html and old.code not in html


def test_a_valid_certificate_cannot_be_retaken(client, trainee, two_year_course):
    finish_course(trainee, two_year_course)
    client.force_login(trainee)

    response = client.post(reverse("learning:retake", args=[two_year_course.pk]))

    assert response.status_code == HTTPStatus.CONFLICT
    assert "once your certificate for it has expired" in response.content.decode()
    assert LessonCompletion.objects.filter(learner=trainee).count() == (
        LessonPage.objects.count()
    )


def test_a_second_retake_request_is_refused_and_changes_nothing(
    client, trainee, two_year_course
):
    expire(finish_course(trainee, two_year_course))
    client.force_login(trainee)
    url = reverse("learning:retake", args=[two_year_course.pk])
    client.post(url)
    learning.complete_lesson(trainee, LessonPage.objects.first())

    response = client.post(url)

    assert response.status_code == HTTPStatus.CONFLICT
    assert "already retaking" in response.content.decode()
    assert LessonCompletion.objects.filter(learner=trainee).count() == 1
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert "You are retaking the course" in html


def test_retaking_needs_login(client, two_year_course):
    url = reverse("learning:retake", args=[two_year_course.pk])
    response = client.post(url)
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("account_login"))
