"""The production queue, Redis with RQ workers (TASKS_BACKEND=rq), delivers the outbox
exactly once through a relay outage, against a real redis-server."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from outbox import delivery
from outbox.models import OutgoingMail
from tests.outbox.relay import SwitchableRelay


def run_rq_worker() -> None:
    """What a production worker does, until its queue is empty (in this process)."""
    call_command(
        "rqworker",
        "default",
        "--burst",
        "--with-scheduler",
        "--job-class",
        "django_tasks_rq.Job",
        "--worker-class",
        "rq.worker.SimpleWorker",
        verbosity=0,
    )


def test_rq_workers_deliver_each_mail_once_through_an_outage(
    committed_db, redis_server
):
    queue = override_settings(
        TASKS={
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
        },
        RQ_QUEUES={"default": {"URL": redis_server.url}},
        OUTBOX_ENQUEUE_ON_COMMIT=True,
        OUTBOX_DELIVERY_BACKEND="tests.outbox.relay.SwitchableRelay",
    )
    with queue:
        SwitchableRelay.down = True
        try:
            with transaction.atomic():
                mail.send_mail("Your certificate", "Ready.", None, ["a@example.org"])
                mail.send_mail("Invitation", "Join.", None, ["b@example.org"])
            # Queued in Redis, not yet tried: the request is not held by the relay.
            assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {0}
            run_rq_worker()
            assert mail.outbox == []
            assert set(OutgoingMail.objects.values_list("attempts", flat=True)) == {1}
        finally:
            SwitchableRelay.down = False

        OutgoingMail.objects.update(next_attempt_at=timezone.now() - timedelta(1))
        assert delivery.enqueue_due() == 2  # what the schedule does every minute
        assert mail.outbox == []
        run_rq_worker()
        run_rq_worker()

    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.org", "b@example.org"]
    assert set(OutgoingMail.objects.values_list("status", flat=True)) == {"sent"}
