"""`manage.py seed_scale`: 100 000 learners in partner organisations at every stage
of the demo course, in bulk, for load tests and benchmarks (`demo.scale`)."""

import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, OutputWrapper
from django.db import connection
from django.test.utils import override_settings
from django.utils.translation import gettext as _

from courses.models import CoursePage
from demo import scale


class Command(BaseCommand):
    help = _(
        "Add scale learners (learner-000001@scale.example, …, password %(password)s) "
        "in partner organisations, with enrolments, progress, quiz attempts and "
        "certificates, in bulk. For throwaway databases: refused when DEBUG is off "
        "unless --force, and when scale learners exist unless --append."
    ) % {"password": scale.PASSWORD}

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--learners",
            type=positive,
            default=100_000,
            help=_("How many learners to add (default 100 000)."),
        )
        parser.add_argument(
            "--organisations",
            type=positive,
            default=50,
            help=_(
                "How many organisations share them (default 50); the first has "
                "10 000 trainees, or half the learners if fewer."
            ),
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=2026,
            help=_("Seed of the random choices: a seed gives the same data."),
        )
        parser.add_argument(
            "--batch-size",
            type=positive,
            default=5000,
            help=_("Rows per INSERT statement (default 5 000)."),
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help=_("Add learners after the scale learners already there."),
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Run even though DEBUG is off. Never on a production database."),
        )

    def handle(
        self,
        *args,
        learners: int,
        organisations: int,
        seed: int,
        batch_size: int,
        append: bool,
        force: bool,
        **options,
    ) -> None:
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "DEBUG is off, so this may be a production database. Scale "
                    "data is fake accounts with a public password: use --force "
                    "only on a throwaway database."
                )
            )
        existing = scale.scale_learners().count()
        if existing and not append:
            raise CommandError(
                _(
                    "This database already has %(count)s scale learners. Use "
                    "--append to add more, or a fresh database."
                )
                % {"count": existing}
            )
        started = time.monotonic()
        try:
            course = scale.scale_course()
            with bulk_writing():
                seeder = scale.ScaleSeeder(course, seed=seed, batch_size=batch_size)
                bar = ProgressBar(self.stderr, _("Organisations"), organisations)
                cohorts = seeder.ensure_organisations(organisations)
                bar.advance(organisations, seeder.counts.total())
                bar.finish()
                bar = ProgressBar(self.stderr, _("Learners"), learners)
                for done, rows in seeder.add_learners(learners, cohorts):
                    bar.advance(done, rows)
                bar.finish()
        except scale.ScaleError as error:
            raise CommandError(error.message) from error
        self.summarise(seeder, course, time.monotonic() - started)

    def summarise(
        self, seeder: scale.ScaleSeeder, course: CoursePage, seconds: float
    ) -> None:
        """Rows added per table, the total and the time taken, and how to log in."""
        self.stdout.write(
            self.style.SUCCESS(
                _("Scale data for “%(course)s” added in %(seconds).1f s:")
                % {"course": course.title, "seconds": seconds}
            )
        )
        width = max(len(model._meta.db_table) for model in seeder.counts)
        for model, count in seeder.counts.items():
            self.stdout.write(f"  {model._meta.db_table:<{width}}  {count:>10,}")
        total = _("total")
        self.stdout.write(f"  {total:<{width}}  {seeder.counts.total():>10,}")
        self.stdout.write(
            _(
                "Scale accounts log in with their address (%(learner)s, "
                "manager-001@%(domain)s, …) and the password %(password)s."
            )
            % {
                "learner": scale.learner_email(1),
                "domain": scale.EMAIL_DOMAIN,
                "password": scale.PASSWORD,
            }
        )


def positive(value: str) -> int:
    """An argument that must be a whole number above zero."""
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


@contextmanager
def bulk_writing() -> Iterator[None]:
    """Faster writes for the run, then back to normal.

    - No log of every query, which DEBUG keeps (`connection.queries`): for a run
      it holds hundreds of megabytes of INSERT statements, and on SQLite quoting
      their parameters for it takes a third of the time.
    - On SQLite, writes that do not wait for the disk (synchronous=OFF): only an
      operating-system crash or a power cut during the run could then damage the
      file, which is a throwaway one. SQLite cannot change this inside a
      transaction (as in tests).
    """
    with override_settings(DEBUG=False):
        if connection.vendor != "sqlite" or connection.in_atomic_block:
            yield
            return
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous")
            (previous,) = cursor.fetchone()
            cursor.execute("PRAGMA synchronous=OFF")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA synchronous={int(previous)}")


class ProgressBar:
    """One phase's progress on stderr. On a terminal, a bar redrawn in place with
    the percentage, rows per second and time left; elsewhere (a log, CI) only the
    line that ends the phase."""

    WIDTH = 30
    REDRAW_SECONDS = 0.2

    def __init__(self, stream: OutputWrapper, phase: str, total: int) -> None:
        self.stream = stream
        self.phase = phase
        self.total = total
        self.live = stream.isatty()
        self.started = self.drawn = time.monotonic()
        self.done = self.rows = self.width = 0

    def advance(self, done: int, rows: int) -> None:
        """`done` more units of the phase finished, having added `rows` rows."""
        self.done += done
        self.rows += rows
        now = time.monotonic()
        if self.live and now - self.drawn >= self.REDRAW_SECONDS:
            self.drawn = now
            self.draw(now - self.started)

    def draw(self, elapsed: float) -> None:
        filled = self.WIDTH * self.done // self.total
        left = elapsed * (self.total - self.done) / self.done if self.done else 0
        line = _(
            "%(phase)s [%(bar)s] %(percent)3d%%  %(rate)s rows/s  ETA %(left)s"
        ) % {
            "phase": self.phase,
            "bar": "#" * filled + "-" * (self.WIDTH - filled),
            "percent": 100 * self.done // self.total,
            "rate": f"{self.rows / elapsed:,.0f}" if elapsed else "–",
            "left": "{}:{:02}".format(*divmod(round(left), 60)),
        }
        self.write("\r" + line.ljust(self.width))
        self.width = len(line)

    def finish(self) -> None:
        elapsed = time.monotonic() - self.started
        line = _("%(phase)s: %(rows)s rows in %(seconds).1f s (%(rate)s rows/s)") % {
            "phase": self.phase,
            "rows": f"{self.rows:,}",
            "seconds": elapsed,
            "rate": f"{self.rows / elapsed:,.0f}" if elapsed else "–",
        }
        self.write(("\r" if self.live else "") + line.ljust(self.width) + "\n")

    def write(self, text: str) -> None:
        # `str` as the style: Django colours everything on stderr as an error.
        self.stream.write(text, style_func=str, ending="")
        self.stream.flush()
