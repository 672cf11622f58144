"""Run the scheduled jobs (settings.SCHEDULED_JOBS) until stopped."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from schedule.runner import enqueue_due_jobs


class Command(BaseCommand):
    help = _(
        "Hand the scheduled jobs to the task queue when they are due: e-mail retries, "
        "scheduled publishing, session clean-up, the daily progress recompute. Run one "
        "beside the task worker (make run starts it); more are harmless."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help=_("Enqueue what is due now and stop (for a cron job or a test)."),
        )
        parser.add_argument("--interval", type=float, default=15.0)

    def handle(self, *args, once: bool, interval: float, **options) -> None:
        while True:
            for name in enqueue_due_jobs():
                if options["verbosity"] > 1:
                    self.stdout.write(_("Enqueued %(job)s") % {"job": name})
            if once:
                return
            time.sleep(interval)
