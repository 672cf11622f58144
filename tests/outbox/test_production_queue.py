"""The production queue, Redis with RQ workers (TASKS_BACKEND=rq), delivers the outbox
exactly once through a relay outage, against a real redis-server."""

import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from outbox import delivery
from outbox.models import OutgoingMail
from tests.outbox.relay import SwitchableRelay


@pytest.fixture
def redis_url(tmp_path):
    """A private redis-server for this test (`make test` installs Redis)."""
    server = shutil.which("redis-server")
    if server is None:
        pytest.fail("redis-server is missing: make test installs it (apt redis-server)")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(  # noqa: S603 - a fixed program and arguments
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", ""],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
    )
    for _wait in range(100):
        with socket.socket() as client:
            if client.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.05)
    yield f"redis://127.0.0.1:{port}/0"
    process.terminate()
    process.wait(timeout=10)


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


def test_rq_workers_deliver_each_mail_once_through_an_outage(committed_db, redis_url):
    queue = override_settings(
        TASKS={
            "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
        },
        RQ_QUEUES={"default": {"URL": redis_url}},
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
