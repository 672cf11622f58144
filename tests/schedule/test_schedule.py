"""The schedule that ships with the project runs each job once per interval, however
many schedulers run: pages scheduled to go live are published, e-mail waiting for a
retry is sent."""

from datetime import timedelta
from http import HTTPStatus
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from courses.models import LessonPage
from outbox.models import OutgoingMail
from schedule.runner import enqueue_due_jobs
from schedule.tasks import clear_expired_sessions
from tests.outbox.relay import SwitchableRelay

MAIL_JOB = "outbox.tasks.deliver_due_mail"


def run_schedule_once() -> None:
    call_command("run_schedule", "--once", stdout=StringIO())


def test_a_job_runs_once_per_interval(db):
    now = timezone.now()
    assert MAIL_JOB in enqueue_due_jobs(now)
    assert MAIL_JOB not in enqueue_due_jobs(now + timedelta(seconds=30))
    assert MAIL_JOB in enqueue_due_jobs(now + timedelta(seconds=61))


def test_a_page_scheduled_to_go_live_is_published(course):
    lesson = LessonPage.objects.order_by("path").first()
    lesson.unpublish()
    lesson.title = "Preservation orders, revised"
    revision = lesson.save_revision(
        approved_go_live_at=timezone.now() - timedelta(minutes=1)
    )
    assert revision.approved_go_live_at is not None
    assert not LessonPage.objects.get(pk=lesson.pk).live

    run_schedule_once()

    lesson = LessonPage.objects.get(pk=lesson.pk)
    assert lesson.live and lesson.title == "Preservation orders, revised"


@override_settings(OUTBOX_DELIVERY_BACKEND="tests.outbox.relay.SwitchableRelay")
def test_mail_waiting_for_a_retry_is_sent_when_due(db):
    SwitchableRelay.down = True
    try:
        mail.send_mail("Your certificate", "Ready.", None, ["amina@example.org"])
    finally:
        SwitchableRelay.down = False
    assert mail.outbox == []
    OutgoingMail.objects.update(next_attempt_at=timezone.now())

    run_schedule_once()

    assert len(mail.outbox) == 1
    assert OutgoingMail.objects.get().status == "sent"


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_staff_see_waiting_and_failed_jobs(admin_client, db):
    clear_expired_sessions.enqueue()
    page = admin_client.get(reverse("background_jobs:index"))
    assert page.status_code == HTTPStatus.OK
    assert "schedule.tasks.clear_expired_sessions" in page.content.decode()
