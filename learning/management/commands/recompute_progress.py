"""Derive every enrolment's module and course completions (and certificates) again."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from courses.models import CoursePage
from learning.models import Enrolment, ModuleCompletion
from learning.services import recompute_enrolments


class Command(BaseCommand):
    help = _(
        "Repair the learning records: add the module and course completions, and the "
        "certificates, that the completion rules grant and the database misses. "
        "Nothing is removed or revoked."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--course",
            type=int,
            help=_("Only the enrolments of the course with this page id."),
        )

    def handle(self, *args, course: int | None = None, **options) -> None:
        enrolments = Enrolment.objects.all()
        if course is not None:
            page = CoursePage.objects.filter(pk=course).first()
            if page is None:
                raise CommandError(
                    _("No course has the page id %(id)s.") % {"id": course}
                )
            enrolments = enrolments.filter(course_key=page.translation_key)
        modules_before = ModuleCompletion.objects.count()
        completed_before = Enrolment.objects.filter(completed_at__isnull=False).count()
        total = recompute_enrolments(enrolments, self.show_progress)
        self.stdout.write(
            _(
                "%(total)s enrolments checked: %(modules)s module completions and "
                "%(courses)s course completions added."
            )
            % {
                "total": total,
                "modules": ModuleCompletion.objects.count() - modules_before,
                "courses": Enrolment.objects.filter(completed_at__isnull=False).count()
                - completed_before,
            }
        )

    def show_progress(self, done: int, total: int) -> None:
        """A counter that rewrites itself on a terminal; every 500 in a log."""
        if self.stdout.isatty() or done == total or done % 500 == 0:
            self.stdout.write(
                _("Recomputed %(done)s of %(total)s enrolments")
                % {"done": done, "total": total},
                ending="\r" if self.stdout.isatty() and done < total else "\n",
            )
