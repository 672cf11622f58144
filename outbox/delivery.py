"""Delivering the outbox: one task per message, retried with a growing wait.

`deliver(mail_id)` sends a pending message through the real mail backend
(`OUTBOX_DELIVERY_BACKEND`: SMTP in production). The row is locked while it is
sent, and a sent message is never sent again, so two workers, or a task run twice,
send it once. When the relay refuses or cannot be reached, the message waits
1, 2, 4 … minutes (at most 6 hours) and is tried again, up to `MAX_ATTEMPTS` times
(about two days); then it is marked failed for staff to see. `enqueue_due()` hands
the queue every message whose time has come: the scheduler runs it, and it also
recovers a message whose task a queue lost.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.utils import timezone

from outbox.models import OutgoingMail

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
LONGEST_WAIT = timedelta(hours=6)


def wait_after(attempts: int) -> timedelta:
    """How long a message waits after `attempts` failed deliveries."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_WAIT)


def enqueue(mail_ids: list[int], run_after=None) -> None:
    """Ask the task queue to deliver these messages (now, or at `run_after` where
    the queue can wait; otherwise `enqueue_due` picks them up when due)."""
    from outbox.tasks import deliver_mail

    task = deliver_mail
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return
        task = task.using(run_after=run_after)
    for mail_id in mail_ids:
        task.enqueue(mail_id)


def deliver(mail_id: int) -> OutgoingMail.Status | None:
    """Send one pending message if it is due; returns its status afterwards."""
    with transaction.atomic():
        mail = (
            OutgoingMail.objects.select_for_update()
            .filter(pk=mail_id, status=OutgoingMail.Status.PENDING)
            .first()
        )
        if mail is None:
            return None
        now = timezone.now()
        if mail.next_attempt_at > now:
            return mail.status
        try:
            send(mail)
        except Exception as error:  # noqa: BLE001 - any relay failure is retried
            mail.attempts += 1
            mail.last_error = f"{type(error).__name__}: {error}"[:2000]
            if mail.attempts >= MAX_ATTEMPTS:
                mail.status = OutgoingMail.Status.FAILED
                logger.error("E-mail %s failed for good: %s", mail.pk, mail.last_error)
            else:
                mail.next_attempt_at = now + wait_after(mail.attempts)
                logger.warning(
                    "E-mail %s not sent (attempt %s), retrying at %s: %s",
                    mail.pk,
                    mail.attempts,
                    mail.next_attempt_at,
                    mail.last_error,
                )
            mail.save(
                update_fields=["attempts", "last_error", "status", "next_attempt_at"]
            )
            if mail.status == OutgoingMail.Status.PENDING:
                retry_at = mail.next_attempt_at
                transaction.on_commit(lambda: enqueue([mail_id], run_after=retry_at))
            return mail.status
        # Once sent, the text goes: it may hold a sign-in link, and the recipient
        # has it. Staff still see who was sent what subject, and when.
        mail.status = OutgoingMail.Status.SENT
        mail.sent_at = now
        mail.attempts += 1
        mail.body, mail.alternatives = "", []
        mail.save(
            update_fields=["status", "sent_at", "attempts", "body", "alternatives"]
        )
        return mail.status


def send(mail: OutgoingMail) -> None:
    """Hand the message to the real mail backend; raises if the relay fails."""
    message = EmailMultiAlternatives(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email,
        to=mail.to,
        cc=mail.cc,
        bcc=mail.bcc,
        reply_to=mail.reply_to,
        headers=mail.headers,
        alternatives=[tuple(part) for part in mail.alternatives],
        connection=get_connection(
            settings.OUTBOX_DELIVERY_BACKEND, fail_silently=False
        ),
    )
    message.send()


def enqueue_due() -> int:
    """Queue every pending message whose next attempt is due; returns how many."""
    due = list(
        OutgoingMail.objects.filter(
            status=OutgoingMail.Status.PENDING, next_attempt_at__lte=timezone.now()
        ).values_list("pk", flat=True)
    )
    enqueue(due)
    return len(due)
