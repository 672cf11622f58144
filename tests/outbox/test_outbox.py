"""Nothing is lost when the mail relay is down: requests that send e-mail succeed,
each message waits in the outbox, and the worker delivers each exactly once when the
relay is back. Here the real database queue and its worker run, as under `make run`."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from courses.authoring import instructors_group
from outbox import delivery
from outbox.models import OutgoingMail
from tests.accounts.test_trainee_accounts import SIGNUP
from tests.concurrency import run_at_once
from tests.factories.accounts import UserFactory
from tests.outbox.relay import SwitchableRelay

QUEUE = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    OUTBOX_ENQUEUE_ON_COMMIT=True,
    OUTBOX_DELIVERY_BACKEND="tests.outbox.relay.SwitchableRelay",
)


@pytest.fixture
def relay():
    SwitchableRelay.down = False
    yield SwitchableRelay
    SwitchableRelay.down = False


def run_worker() -> None:
    """What `make run`'s worker does, until no task is ready."""
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def time_passes() -> None:
    """Everything waiting for a retry is due now."""
    past = timezone.now() - timedelta(seconds=1)
    OutgoingMail.objects.update(next_attempt_at=past)
    DBTaskResult.objects.update(run_after=past)


@QUEUE
def test_a_relay_outage_loses_no_mail_and_fails_no_request(committed_db, client, relay):
    relay.down = True
    signed_up = client.post(reverse("account_signup"), SIGNUP)
    reset = client.post(
        reverse("account_reset_password"), {"email": UserFactory().email}
    )
    assert signed_up.status_code == reset.status_code == HTTPStatus.FOUND

    run_worker()  # the relay refuses: both wait for a retry
    assert mail.outbox == []
    waiting = OutgoingMail.objects.filter(status="pending")
    assert waiting.count() == 2
    assert all(
        m.attempts == 1 and "SMTPServerDisconnected" in m.last_error for m in waiting
    )

    relay.down = False
    time_passes()
    run_worker()
    run_worker()  # nothing is sent twice
    assert len(mail.outbox) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [SIGNUP["email"].lower(), reset.wsgi_request.POST["email"]]
    )
    assert not OutgoingMail.objects.exclude(status="sent").exists()


@QUEUE
def test_a_message_is_sent_once_by_workers_racing_for_it(committed_db, relay):
    with transaction.atomic():
        mail.send_mail("Your certificate", "Ready.", None, ["amina@example.org"])
    sent = OutgoingMail.objects.get()

    errors = run_at_once(lambda: delivery.deliver(sent.pk), threads=4)

    assert errors == []
    assert len(mail.outbox) == 1
    sent.refresh_from_db()
    assert sent.status == "sent" and sent.body == ""  # the text is not kept


@QUEUE
def test_no_mail_about_what_was_not_saved(committed_db, relay):
    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Welcome", "Your account is ready.", None, ["a@example.org"])
        raise RuntimeError("the sign-up failed after the mail")
    run_worker()
    assert not OutgoingMail.objects.exists() and mail.outbox == []


def test_a_message_the_relay_keeps_refusing_is_marked_failed(db, relay):
    relay.down = True
    with override_settings(
        OUTBOX_DELIVERY_BACKEND="tests.outbox.relay.SwitchableRelay"
    ):
        mail.send_mail("Invitation", "Join us.", None, ["b@example.org"])
        message = OutgoingMail.objects.get()
        for _attempt in range(delivery.MAX_ATTEMPTS):
            OutgoingMail.objects.update(next_attempt_at=timezone.now())
            delivery.deliver(message.pk)
    message.refresh_from_db()
    assert message.status == "failed" and message.attempts == delivery.MAX_ATTEMPTS
    assert delivery.wait_after(1) == timedelta(minutes=1)
    assert delivery.wait_after(30) == delivery.LONGEST_WAIT


def test_staff_see_pending_and_failed_mail(admin_client, db, relay):
    relay.down = True
    with override_settings(
        OUTBOX_DELIVERY_BACKEND="tests.outbox.relay.SwitchableRelay"
    ):
        mail.send_mail("Invitation to Demo Academy", "Join.", None, ["c@example.org"])
    page = admin_client.get(reverse("outgoing_mail:index"), {"status": "pending"})
    assert page.status_code == HTTPStatus.OK
    assert "Invitation to Demo Academy" in page.content.decode()


def test_instructors_cannot_read_the_outbox_or_the_jobs(client, db):
    """Recipients' addresses and job records are for staff who are given them."""
    instructor = UserFactory(email="ines@example.org")
    instructor.groups.add(instructors_group())
    client.force_login(instructor)
    for name in ["outgoing_mail:index", "background_jobs:index"]:
        response = client.get(reverse(name))
        assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN), name
