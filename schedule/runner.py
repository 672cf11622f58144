"""Which scheduled jobs are due, and handing them to the task queue.

`settings.SCHEDULED_JOBS` lists (task path, interval in seconds). `manage.py
run_schedule` calls `enqueue_due_jobs` every few seconds; each job whose interval
has passed since its last run (`JobRun`) is enqueued, once, even with a scheduler on
every server.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from schedule.models import JobRun


def enqueue_due_jobs(now=None) -> list[str]:
    """Enqueue every scheduled job that is due; returns their names."""
    now = now or timezone.now()
    started = []
    for path, seconds in settings.SCHEDULED_JOBS:
        if claim(path, now, timedelta(seconds=seconds)):
            import_string(path).enqueue()
            started.append(path)
    return started


def claim(name: str, now, interval: timedelta) -> bool:
    """Record that `name` runs now if its interval has passed; False otherwise."""
    try:
        with transaction.atomic():
            run = JobRun.objects.select_for_update().filter(name=name).first()
            if run is None:
                JobRun.objects.create(name=name, last_run_at=now)
                return True
            if run.last_run_at + interval > now:
                return False
            run.last_run_at = now
            run.save(update_fields=["last_run_at"])
            return True
    except IntegrityError:  # another scheduler created it at the same moment
        return False
