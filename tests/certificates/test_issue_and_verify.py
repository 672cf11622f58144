"""A certificate is issued exactly once when a course is completed, and anyone can
check it at /verify/<code>/ without logging in."""

from http import HTTPStatus

from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.models import Certificate
from courses.models import LessonPage
from learning import services as learning
from tests.concurrency import run_at_once
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CoursePageFactory
from tests.factories.learning import finish_course


def test_completing_a_course_issues_one_certificate(trainee, course):
    certificate = finish_course(trainee, course)
    assert len(certificate.code) >= 22 and not certificate.is_revoked
    assert certificate.name == "Amina K."
    assert certificate.course_title == "Cybercrime basics"
    assert certificate.modules == ["General provisions", "Criminalization"]
    assert certificate.estimated_hours == 3
    assert certificate.completed_on == timezone.now().date()

    learning.complete_lesson(trainee, LessonPage.objects.first())
    assert Certificate.objects.count() == 1


def test_no_certificate_before_the_course_is_complete(trainee, course):
    learning.enrol(trainee, course)
    learning.complete_lesson(trainee, LessonPage.objects.first())
    assert not Certificate.objects.exists()


def test_simultaneous_issues_make_one_certificate(committed_db):
    course = CoursePageFactory(modules=1, modules__lessons=1)
    trainee = TraineeFactory()
    errors = run_at_once(
        lambda: services.issue_certificate(trainee, course, timezone.now(), [], None),
        threads=6,
    )
    assert errors == []
    assert Certificate.objects.count() == 1


def test_verification_page_shows_only_name_course_and_date(client, trainee, course):
    certificate = finish_course(trainee, course)
    response = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "Valid certificate" in html
    assert "Amina K." in html and "Cybercrime basics" in html
    assert trainee.email not in html and "National Police" not in html


def test_revoked_certificate_says_when_and_why(client, trainee, course):
    certificate = finish_course(trainee, course)
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = "Issued in error"
    certificate.save()
    html = client.get(reverse("certificates:verify_code", args=[certificate.code]))
    assert "Revoked certificate" in html.content.decode()
    assert "Reason: Issued in error" in html.content.decode()


def test_unknown_code_is_not_found(client, db):
    response = client.get(reverse("certificates:verify_code", args=["not-a-real-code"]))
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "No certificate has the code" in response.content.decode()


def test_a_typed_code_opens_its_page(client, db):
    response = client.get(reverse("certificates:verify"), {"code": "  abc123  "})
    assert response["Location"] == reverse("certificates:verify_code", args=["abc123"])


def test_look_ups_are_rate_limited(client, db):
    cache.clear()
    url = reverse("certificates:verify_code", args=["guess"])
    statuses = [client.get(url).status_code for _ in range(31)]
    assert statuses[:30] == [HTTPStatus.NOT_FOUND] * 30
    assert statuses[30] == HTTPStatus.TOO_MANY_REQUESTS
    cache.clear()


def test_dashboard_lists_the_certificate(client, trainee, course):
    certificate = finish_course(trainee, course)
    client.force_login(trainee)
    html = client.get(reverse("learning:dashboard")).content.decode()
    assert certificate.code in html


def test_an_e_mail_announces_the_new_certificate(
    trainee, course, django_capture_on_commit_callbacks, mailoutbox
):
    trainee.certificate_name = "Amina O'Brien"
    trainee.save()
    course.title = "Cybercrime & evidence"
    course.save()
    with django_capture_on_commit_callbacks(execute=True):
        certificate = finish_course(trainee, course)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["amina@example.org"]
    assert message.subject == "Your certificate: Cybercrime & evidence"
    assert f"/verify/{certificate.code}/" in message.body
    assert "Dear Amina O'Brien," in message.body  # plain text: nothing escaped
