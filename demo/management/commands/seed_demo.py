"""`manage.py seed_demo`: the demo course, its quizzes, the demo partner
organisations and the demo logins (the instructor in the Instructors group, which
the migrations make)."""

from django.core.management.base import BaseCommand

from courses.authoring import instructors_group
from courses.models import CoursePage
from demo.accounts import ensure_demo_accounts
from demo.course import seed_demo_site
from demo.partners import seed_demo_partners
from demo.quizzes import seed_demo_quizzes


class Command(BaseCommand):
    help = (
        "Create the demo course, its quizzes and the demo accounts. "
        "Idempotent: whatever already exists is left as it is."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--without-partners",
            action="store_true",
            help="Skip the demo partner organisations and their trainees (faster).",
        )

    def handle(self, *args, without_partners: bool = False, **options) -> None:
        report = seed_demo_site()
        course = CoursePage.objects.order_by("path").first()
        quizzes = seed_demo_quizzes(course)
        logins = ensure_demo_accounts(instructors_group())
        if not without_partners:
            logins += seed_demo_partners(course)
        if quizzes:
            self.stdout.write(f"Created and published {quizzes} quizzes.")
        if report.created_pages:
            self.stdout.write(
                f"Created and published {len(report.created_pages)} pages."
            )
        elif not quizzes:
            self.stdout.write("The demo course already exists; nothing was changed.")
        self.stdout.write(self.style.SUCCESS("Demo logins (local use only):"))
        for login, created in logins:
            note = "" if created else "  (existing account, password not reset)"
            self.stdout.write(
                f"  {login.role:<14} {login.email:<26} {login.password}{note}"
            )
