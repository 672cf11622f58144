"""Time to serve the partner dashboard of an organisation with 10 000 trainees
(target ≤ 300 ms).

Run with `make bench-partners`. The organisation, its cohorts and its trainees'
enrolments, lessons, module completions, quiz attempts and certificates are inserted
in bulk into their own SQLite file, var/bench-partners.sqlite3 (never the
development database), on the first run and reused afterwards. The dashboard is
then requested through Django's test client, so middleware, the session and the
template are all timed, with DEBUG off. Prints the figures and appends them, with
the machine, date and commit, to bench/RESULTS.md.
"""

import os
import random
import statistics
import sys
import time
from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATABASE = ROOT / "var" / "bench-partners.sqlite3"
sys.path.insert(0, str(ROOT))
os.environ["DATABASE_URL"] = f"sqlite:///{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, reset_queries, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import User  # noqa: E402
from bench import results as bench_results  # noqa: E402
from certificates.models import Certificate  # noqa: E402
from courses.outline import course_outline  # noqa: E402
from learning.models import Enrolment, LessonCompletion, ModuleCompletion  # noqa: E402
from partners import reports  # noqa: E402
from partners.filters import Filters  # noqa: E402
from partners.models import Cohort, CohortMember, Membership, Organisation  # noqa: E402
from quizzes.models import Attempt  # noqa: E402
from tests.factories.courses import CoursePageFactory  # noqa: E402
from tests.factories.quizzes import QuestionFactory, QuizPageFactory  # noqa: E402

ORGANISATION = "Bench Police Academy"
MANAGER = "bench-manager@example.org"
TRAINEES = 10_000
COHORTS = 4
RUNS = 20
TARGET_MS = 300


def build() -> Organisation:
    """The organisation with TRAINEES trainees at every stage of a nine-module course
    (a quiz ends each module), built once with bulk inserts."""
    organisation = Organisation.objects.filter(name=ORGANISATION).first()
    if organisation is not None:
        return organisation
    sys.stdout.write(f"Building {TRAINEES} trainees in {DATABASE} (once)…\n")
    course = CoursePageFactory(modules=9, modules__lessons=4)
    outline = course_outline(course)
    for module in outline.modules:
        QuizPageFactory(parent=module, questions=[QuestionFactory()])
    outline = course_outline(course)
    rng = random.Random(2026)  # noqa: S311 - made-up progress, not security
    now = timezone.now()
    password = make_password(None)
    with transaction.atomic():
        organisation = Organisation.objects.create(
            name=ORGANISATION, country="KE", kind=Organisation.Kind.POLICE_ACADEMY
        )
        manager = User.objects.create_user(MANAGER, None)
        Membership.objects.create(
            organisation=organisation, user=manager, role=Membership.Role.MANAGER
        )
        cohorts = []
        for number in range(COHORTS):
            cohort = Cohort.objects.create(
                organisation=organisation,
                name=f"Intake {number + 1}",
                start_date=(now - timedelta(days=200 - 40 * number)).date(),
                end_date=(now + timedelta(days=60 * number - 60)).date(),
            )
            cohort.courses.add(course)
            cohorts.append(cohort)
        users = User.objects.bulk_create(
            (
                User(
                    email=f"trainee{n:05}@bench.example.org",
                    password=password,
                    first_name=f"Trainee {n:05}",
                    last_name=rng.choice(["Otieno", "Wafula", "Njoroge", "Abdi"]),
                    country=rng.choice(["KE", "KE", "UG", "TZ"]),
                    job_role=rng.choice(User.JobRole.values),
                )
                for n in range(TRAINEES)
            ),
            batch_size=2000,
        )
        Membership.objects.bulk_create(
            (Membership(organisation=organisation, user=user) for user in users),
            batch_size=5000,
        )
        CohortMember.objects.bulk_create(
            (
                CohortMember(cohort=cohorts[n % COHORTS], user=user)
                for n, user in enumerate(users)
            ),
            batch_size=5000,
        )
        enrolments, lessons, modules, attempts, certificates = [], [], [], [], []
        for user in users:
            if rng.random() < 0.05:
                continue  # invited, never enrolled
            stage = rng.choice(range(len(outline.modules) + 1))
            enrolled_at = now - timedelta(days=rng.randrange(1, 150))
            done = stage == len(outline.modules)
            enrolments.append(
                Enrolment(
                    learner=user,
                    course=course,
                    course_key=course.translation_key,
                    enrolled_at=enrolled_at,
                    completed_at=now if done else None,
                )
            )
            for number, module in enumerate(outline.modules):
                module_lessons = outline.lessons_of(module)
                if number > stage:
                    break
                if number == stage:
                    module_lessons = module_lessons[
                        : rng.randrange(len(module_lessons))
                    ]
                for lesson in module_lessons:
                    lessons.append(
                        LessonCompletion(
                            learner=user,
                            course_key=course.translation_key,
                            lesson=lesson,
                            lesson_key=lesson.translation_key,
                        )
                    )
                if number == stage:
                    break
                quiz = outline.quiz_of(module)
                for attempt_number in range(1, rng.choice([2, 2, 3])):
                    score = rng.randrange(50, 101)
                    attempts.append(
                        Attempt(
                            learner=user,
                            quiz=quiz,
                            quiz_key=quiz.translation_key,
                            number=attempt_number,
                            status=Attempt.Status.SUBMITTED,
                            submitted_at=now,
                            score=score,
                            passed=score >= quiz.pass_mark,
                        )
                    )
                modules.append(
                    ModuleCompletion(
                        learner=user,
                        course_key=course.translation_key,
                        module=module,
                        module_key=module.translation_key,
                    )
                )
            if done:
                certificates.append(
                    Certificate(
                        learner=user,
                        course=course,
                        course_key=course.translation_key,
                        name=user.first_name,
                        course_title=course.title,
                        completed_on=now.date(),
                        estimated_hours=course.estimated_hours,
                    )
                )
        for model, rows in [
            (Enrolment, enrolments),
            (LessonCompletion, lessons),
            (ModuleCompletion, modules),
            (Attempt, attempts),
            (Certificate, certificates),
        ]:
            model.objects.bulk_create(rows, batch_size=5000)
    return organisation


def measure(client: Client, url: str, query: dict) -> tuple[float, float, int]:
    """Median and 95th percentile in ms over RUNS requests, and the query count."""
    client.get(url, query)  # warm-up: templates, translations and caches load once
    reset_queries()  # each request empties the query log: start from empty
    with CaptureQueriesContext(connection) as captured:
        client.get(url, query)
    # Read now: the captured queries are a view on the log the next request empties.
    queries = len(captured)
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url, query)
        timings.append((time.perf_counter() - start) * 1000)
        if response.status_code != HTTPStatus.OK:
            raise SystemExit(f"The dashboard answered {response.status_code}.")
    return (
        statistics.median(timings),
        statistics.quantiles(timings, n=20)[-1],
        queries,
    )


def export_pass(organisation: Organisation) -> tuple[float, int, int]:
    """Seconds and queries to produce every row of the trainee table, and rows."""
    reset_queries()
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        rows = sum(1 for _row in reports.trainee_rows(organisation, Filters()))
        seconds = time.perf_counter() - start
    return seconds, len(captured), rows


def main() -> None:
    settings.DEBUG = False  # as in production; DEBUG would also log every query
    call_command("migrate", verbosity=0)
    organisation = build()
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    client = Client()
    client.force_login(User.objects.get(email=MANAGER))
    url = reverse("partners:dashboard", args=[organisation.pk])
    cohort = organisation.cohorts.order_by("name").first()
    cases = {
        "Dashboard, no filter": {},
        "Dashboard, one cohort and one role": {
            "cohort": cohort.pk,
            "job_role": User.JobRole.INVESTIGATOR,
        },
        "Dashboard, page 100 of the trainee table": {"page": 100},
    }
    results = {name: measure(client, url, query) for name, query in cases.items()}
    seconds, export_queries, rows = export_pass(organisation)
    trainees = reports.OrganisationReport(organisation, Filters()).people().count()
    lines = [
        bench_results.heading("Partner dashboard"),
        f"{bench_results.machine()}, "
        f"SQLite {connection.Database.sqlite_version}. "
        f"{trainees} trainees in {COHORTS} cohorts, one nine-module course; "
        f"{RUNS} requests each through the test client, DEBUG off; "
        f"target ≤ {TARGET_MS} ms.",
        "",
        "| Request | median ms | p95 ms | queries |",
        "|---|---|---|---|",
        *(
            f"| {name} | {median:.0f} | {p95:.0f} | {queries} |"
            for name, (median, p95, queries) in results.items()
        ),
        "",
        f"Every row of the trainee table for an export (`reports.trainee_rows`): "
        f"{rows} rows in {seconds:.2f} s, {export_queries} queries.",
        "",
    ]
    bench_results.publish("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
