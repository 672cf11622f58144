"""Scale data for load tests and benchmarks, inserted in bulk (`manage.py seed_scale`).

Learners (`learner-000001@scale.example`, …) are trainees of partner organisations
("Scale organisation 001", …), each with four cohorts taking one course; the first
cohort ended three weeks ago, so dashboards show overdue trainees. The first
organisation is the big one (10 000 trainees in a full run) for the partner dashboard
benchmark. Each organisation has a manager (`manager-001@scale.example`, …). Every
scale account has a verified address and the password `PASSWORD`.

Each learner gets a stage from a seeded random distribution: how many steps of the
course they have done in order (each lesson, then the module's quiz, …, then the
final assessment). Their rows are those `learning.services` would have written had
they done those steps one by one (docs/completion-rules.md): a completion and an
event per lesson, a passed attempt (sometimes after failed ones) per quiz, a module
completion once its lessons are done and its quiz passed, and for those who finished
`Enrolment.completed_at` and a certificate. Rows are inserted with `bulk_create`,
`LEARNERS_PER_TRANSACTION` learners per transaction, so an interrupted run leaves
only whole learners behind.
"""

import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models.functions import Length
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from accounts.models import User
from certificates.models import Certificate
from certificates.services import new_certificate
from core.errors import Refusal
from courses.models import CoursePage, ModulePage
from courses.outline import CourseOutline, course_outline
from demo.quizzes import demo_answer
from learning.models import Enrolment, LearningEvent, LessonCompletion, ModuleCompletion
from learning.services import new_event
from partners.models import Cohort, CohortMember, Membership, Organisation
from quizzes import grading
from quizzes.drawing import draw_from
from quizzes.models import Attempt, Question, QuizPage, Response

EMAIL_DOMAIN = "scale.example"
LEARNER_PREFIX = "learner-"
# Public on purpose, like the demo logins: scale data is for throwaway databases.
PASSWORD = "scale-learner-2026"  # noqa: S105
BIG_ORGANISATION = 10_000
LEARNERS_PER_TRANSACTION = 1000
# A submitted attempt keeps answers to its first few questions only: enough for the
# reports by question and article, without one row per question drawn.
RESPONSES_PER_ATTEMPT = 3
# Attempts take their questions from this many draws per quiz, made once: drawing
# for each of a million attempts would take longer than inserting them.
DRAWS_PER_QUIZ = 100

# Each cohort's start and end, in days from today; the first one has ended.
COHORT_DAYS = [(-300, -20), (-180, 60), (-90, 120), (-30, 180)]
# Learners join their cohort within its first weeks.
JOINING_WINDOW = timedelta(days=30)
# How far learners got, as shares of all learners; the others are part way, most of
# them near the start (a stage drawn as u³ of the course for u uniform in [0, 1)).
# With the demo course, 100 000 learners have about a million lesson and module
# completions and quiz attempts.
NOT_ENROLLED = 0.10
NOT_STARTED = 0.35
COMPLETED = 0.06
# Passed quizzes failed first once or twice; a learner whose next step is a quiz
# has already failed it this often.
FAILED_ONCE = 0.25
FAILED_TWICE = 0.05
STUCK_AT_QUIZ = 0.5

FIRST_NAMES = [
    "Achieng", "Amina", "Anh", "Bảo", "Carlos", "Chebet", "Daniel", "Esther",
    "Fatima", "George", "Halima", "Ibrahim", "Joseph", "Kwame", "Linh", "Lucía",
    "Mariam", "Moses", "Nadia", "Olga", "Pedro", "Rania", "Samuel", "Yuki",
]  # fmt: skip
LAST_NAMES = [
    "Abdi", "Akinyi", "Banda", "Diallo", "Fernández", "Haddad", "Kamau", "Kiprono",
    "Mensah", "Mutua", "Nguyễn", "Njoroge", "Okafor", "Otieno", "Pham", "Petrova",
    "Santos", "Silva", "Tanaka", "Trần", "Wafula", "Wanjiku", "Yilmaz", "Zulu",
]  # fmt: skip
COUNTRIES = ["KE", "UG", "TZ", "NG", "GH", "VN", "PH", "ID", "BR", "MA", "JO", "FR"]


class ScaleError(Refusal):
    """Scale data cannot be made here; `message` says why."""


def learner_email(number: int) -> str:
    return f"{LEARNER_PREFIX}{number:06}@{EMAIL_DOMAIN}"


def scale_learners() -> models.QuerySet[User]:
    """The learners made by earlier runs, told apart by their e-mail addresses."""
    return User.objects.filter(
        email__startswith=LEARNER_PREFIX, email__endswith=f"@{EMAIL_DOMAIN}"
    )


def next_learner_number() -> int:
    """One more than the highest scale learner's number (1 when there are none)."""
    last = (
        scale_learners()
        .order_by(Length("email").desc(), "-email")
        .values_list("email", flat=True)
        .first()
    )
    if last is None:
        return 1
    return int(last.removeprefix(LEARNER_PREFIX).partition("@")[0]) + 1


def scale_course() -> CoursePage:
    """The course scale learners take: the first published one (the demo course)."""
    course = CoursePage.objects.live().order_by("path").first()
    if course is None:
        raise ScaleError(
            _("There is no course: run `manage.py seed_demo --without-partners` first.")
        )
    return course


@dataclass(frozen=True)
class Step:
    """One thing a trainee does, in course order: complete a lesson or pass a quiz.
    `closes` is the module whose completion rule this step is the last to meet."""

    page: Page
    quiz: QuizPage | None = None
    closes: ModulePage | None = None


def course_steps(outline: CourseOutline, quizzes: dict[int, QuizPage]) -> list[Step]:
    """The steps of the course in order; `quizzes` are the outline's quizzes loaded
    with their rules and questions."""
    steps = []
    for module in outline.modules:
        lessons = outline.lessons_of(module)
        if not lessons:
            message = _(
                "Module “%(module)s” has no published lesson: nobody could complete "
                "the course."
            )
            raise ScaleError(message % {"module": module.title})
        quiz = outline.quiz_of(module)
        steps += [Step(lesson) for lesson in lessons[:-1]]
        if quiz is None:
            steps.append(Step(lessons[-1], closes=module))
        else:
            steps += [Step(lessons[-1]), Step(quiz, quizzes[quiz.pk], closes=module)]
    final = outline.quiz_of(outline.course)
    if final is not None:
        steps.append(Step(final, quizzes[final.pk]))
    return steps


class ScaleSeeder:
    """Inserts scale data for one course; `counts` tallies the rows added per model.

    One seeded random generator decides everything, so a seed gives the same data
    (apart from the random certificate and invitation codes).
    """

    def __init__(self, course: CoursePage, seed: int, batch_size: int) -> None:
        self.course = CoursePage.objects.prefetch_related(
            "certificate_signatories"
        ).get(pk=course.pk)
        self.rng = random.Random(seed)  # noqa: S311 - made-up data, not security
        self.batch_size = batch_size
        self.now = timezone.now()
        self.password = make_password(PASSWORD)  # hashed once for every account
        self.counts: Counter[type[models.Model]] = Counter()
        outline = course_outline(self.course)
        quizzes = QuizPage.objects.prefetch_related(
            "quiz_questions__question__options"
        ).in_bulk([quiz.pk for quiz in outline.quizzes])
        self.steps = course_steps(outline, quizzes)
        self.final = outline.quiz_of(outline.course)
        self.module_titles = [module.title for module in outline.modules]
        questions = {
            quiz.pk: [item.question for item in quiz.quiz_questions.all()]
            for quiz in quizzes.values()
        }
        self.draws = {
            quiz.pk: [
                draw_from(quiz, questions[quiz.pk], self.rng)
                for _n in range(DRAWS_PER_QUIZ)
            ]
            for quiz in quizzes.values()
        }
        self.answers = {
            question.pk: {right: answer(question, right) for right in (True, False)}
            for drawn in questions.values()
            for question in drawn
            if question.is_auto_graded
        }

    @transaction.atomic
    def ensure_organisations(self, count: int) -> list[list[Cohort]]:
        """Scale organisations 1 to `count`, with their cohorts taking the course and
        their managers, created where missing; each organisation's cohorts in order."""
        today = timezone.localdate()
        kinds = Organisation.Kind.values
        names = [f"Scale organisation {n:03}" for n in range(1, count + 1)]
        self._insert_new(
            Organisation,
            [
                Organisation(
                    name=name,
                    country=COUNTRIES[n % len(COUNTRIES)],
                    kind=kinds[n % len(kinds)],
                )
                for n, name in enumerate(names)
            ],
            ("name",),
        )
        by_name = Organisation.objects.in_bulk(names, field_name="name")
        organisations = [by_name[name] for name in names]
        cohort_names = [f"Intake {n}" for n in range(1, len(COHORT_DAYS) + 1)]
        self._insert_new(
            Cohort,
            [
                Cohort(
                    organisation=organisation,
                    name=name,
                    start_date=today + timedelta(days=start),
                    end_date=today + timedelta(days=end),
                )
                for organisation in organisations
                for name, (start, end) in zip(cohort_names, COHORT_DAYS, strict=True)
            ],
            ("organisation_id", "name"),
        )
        cohorts = list(
            Cohort.objects.filter(
                organisation__in=organisations, name__in=cohort_names
            ).select_related("organisation")
        )
        course_of = Cohort.courses.through
        self._insert_new(
            course_of,
            [course_of(cohort=cohort, coursepage=self.course) for cohort in cohorts],
            ("cohort_id", "coursepage_id"),
        )
        self._ensure_managers(organisations)
        by_organisation = defaultdict(list)
        for cohort in sorted(cohorts, key=lambda cohort: cohort.name):
            by_organisation[cohort.organisation_id].append(cohort)
        return [by_organisation[organisation.pk] for organisation in organisations]

    def _ensure_managers(self, organisations: list[Organisation]) -> None:
        """A manager for each organisation: `manager-001@scale.example` for the
        first."""
        emails = {
            organisation.pk: f"manager-{n:03}@{EMAIL_DOMAIN}"
            for n, organisation in enumerate(organisations, start=1)
        }
        self._insert_new(
            User,
            [
                User(
                    email=email,
                    password=self.password,
                    first_name="Manager",
                    last_name=email.partition("@")[0].removeprefix("manager-"),
                    job_role=User.JobRole.POLICY_OFFICER,
                )
                for email in emails.values()
            ],
            ("email",),
        )
        managers = User.objects.in_bulk(emails.values(), field_name="email")
        self._insert_new(
            EmailAddress,
            [verified_address(user) for user in managers.values()],
            ("user_id", "email"),
        )
        self._insert_new(
            Membership,
            [
                Membership(
                    organisation_id=organisation_id,
                    user=managers[email],
                    role=Membership.Role.MANAGER,
                )
                for organisation_id, email in emails.items()
            ],
            ("organisation_id", "user_id"),
        )

    def add_learners(
        self, count: int, cohorts: list[list[Cohort]]
    ) -> Iterator[tuple[int, int]]:
        """Add `count` learners numbered after the existing ones; yields the learners
        and the rows added by each transaction.

        The first organisation gets `BIG_ORGANISATION` learners (at most half of
        them when there are others), the others share the rest evenly.
        """
        first = next_learner_number()
        big = count if len(cohorts) == 1 else min(BIG_ORGANISATION, count // 2)
        others = len(cohorts) - 1
        for start in range(0, count, LEARNERS_PER_TRANSACTION):
            chunk = []
            for index in range(start, min(count, start + LEARNERS_PER_TRANSACTION)):
                if index < big:
                    organisation, place = 0, index
                else:
                    organisation = 1 + (index - big) % others
                    place = (index - big) // others
                own = cohorts[organisation]
                chunk.append((first + index, own[place % len(own)]))
            with transaction.atomic():
                rows = self._add_chunk(chunk)
            yield len(chunk), rows

    def _add_chunk(self, learners: list[tuple[int, Cohort]]) -> int:
        users = [self._new_user(number, cohort) for number, cohort in learners]
        added = self._insert(User, users)
        rows: defaultdict[type[models.Model], list] = defaultdict(list)
        for user, (_number, cohort) in zip(users, learners, strict=True):
            rows[EmailAddress].append(verified_address(user))
            rows[Membership].append(
                Membership(organisation_id=cohort.organisation_id, user_id=user.pk)
            )
            rows[CohortMember].append(
                CohortMember(cohort_id=cohort.pk, user_id=user.pk)
            )
            self._progress(user, rows)
        # Attempts before their responses: a response needs its attempt's id.
        for model in [
            EmailAddress,
            Membership,
            CohortMember,
            Enrolment,
            LessonCompletion,
            ModuleCompletion,
            Attempt,
            Response,
            Certificate,
            LearningEvent,
        ]:
            added += self._insert(model, rows[model])
        return added

    def _new_user(self, number: int, cohort: Cohort) -> User:
        rng = self.rng
        first_name, last_name = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        start = timezone.make_aware(datetime.combine(cohort.start_date, time(9)))
        organisation = cohort.organisation
        return User(
            email=learner_email(number),
            password=self.password,
            first_name=first_name,
            last_name=last_name,
            certificate_name=f"{first_name} {last_name}",
            country=organisation.country.code
            if rng.random() < 0.8
            else rng.choice(COUNTRIES),
            agency=organisation.name,
            job_role=rng.choice(User.JobRole.values),
            gender=rng.choice([*User.Gender.values, ""]),
            preferred_language=rng.choice(
                [settings.LANGUAGE_CODE] * 4
                + [code for code, _name in settings.LANGUAGES]
            ),
            date_joined=start + min(JOINING_WINDOW, self.now - start) * rng.random(),
        )

    def _progress(self, user: User, rows: defaultdict) -> None:
        """The learner's enrolment and everything they did, up to a random stage."""
        rng = self.rng
        draw = rng.random()
        if draw < NOT_ENROLLED:
            return
        total = len(self.steps)
        if draw < NOT_ENROLLED + NOT_STARTED:
            stage = 0
        elif draw < NOT_ENROLLED + NOT_STARTED + COMPLETED:
            stage = total
        else:
            stage = 1 + int((total - 1) * rng.random() ** 3)
        enrolled_at = min(self.now, user.date_joined + timedelta(days=2 * rng.random()))
        # Time between two steps: the learner has been at it for some of the time
        # since they enrolled, so every date is in the past.
        pace = (self.now - enrolled_at) * rng.uniform(0.2, 1.0) / total
        enrolment = Enrolment(
            learner_id=user.pk,
            course_key=self.course.translation_key,
            course_id=self.course.pk,
            enrolled_at=enrolled_at,
        )
        rows[Enrolment].append(enrolment)
        rows[LearningEvent].append(
            self._event(user, LearningEvent.Verb.ENROLLED, self.course, enrolled_at)
        )
        final_score = None
        at = enrolled_at
        for number, step in enumerate(self.steps[:stage], start=1):
            at = enrolled_at + pace * number
            if step.quiz is None:
                rows[LessonCompletion].append(
                    LessonCompletion(
                        learner_id=user.pk,
                        course_key=self.course.translation_key,
                        lesson_key=step.page.translation_key,
                        lesson_id=step.page.pk,
                        completed_at=at,
                    )
                )
                rows[LearningEvent].append(
                    self._event(user, LearningEvent.Verb.COMPLETED, step.page, at)
                )
            else:
                failed = self._failures(step.quiz)
                passed = self._attempts(
                    user,
                    step.quiz,
                    [
                        at - pace * (failed - n) / (failed + 1)
                        for n in range(failed + 1)
                    ],
                    rows,
                )
                if step.quiz == self.final:
                    final_score = passed.score
            if step.closes is not None:
                rows[ModuleCompletion].append(
                    ModuleCompletion(
                        learner_id=user.pk,
                        course_key=self.course.translation_key,
                        module_key=step.closes.translation_key,
                        module_id=step.closes.pk,
                        completed_at=at,
                    )
                )
                rows[LearningEvent].append(
                    self._event(user, LearningEvent.Verb.COMPLETED, step.closes, at)
                )
        if stage == total:
            enrolment.completed_at = at
            rows[LearningEvent].append(
                self._event(user, LearningEvent.Verb.COMPLETED, self.course, at)
            )
            rows[Certificate].append(
                new_certificate(user, self.course, at, self.module_titles, final_score)
            )
        elif self.steps[stage].quiz is not None and rng.random() < STUCK_AT_QUIZ:
            quiz = self.steps[stage].quiz
            failed = min(rng.choice([1, 1, 2]), quiz.attempts_allowed or 2)
            self._attempts(
                user,
                quiz,
                [at + pace * (n + 1) / (failed + 1) for n in range(failed)],
                rows,
                passing=False,
            )

    def _failures(self, quiz: QuizPage) -> int:
        """How many times a learner failed `quiz` before passing it."""
        draw = self.rng.random()
        failed = 2 if draw < FAILED_TWICE else int(draw < FAILED_TWICE + FAILED_ONCE)
        return min(failed, (quiz.attempts_allowed or failed + 1) - 1)

    def _attempts(
        self,
        user: User,
        quiz: QuizPage,
        submitted: list[datetime],
        rows: defaultdict,
        passing: bool = True,
    ) -> Attempt:
        """Submitted attempts at `quiz`, one per time in `submitted`: all failed but
        the last, which passed if `passing`. Returns the last one."""
        rng = self.rng
        for number, submitted_at in enumerate(submitted, start=1):
            passed = passing and number == len(submitted)
            score = Decimal(
                rng.randint(quiz.pass_mark, 100)
                if passed
                else rng.randint(max(0, quiz.pass_mark - 40), quiz.pass_mark - 1)
            )
            started_at = submitted_at - timedelta(minutes=rng.randint(4, 40))
            question_ids, option_order = rng.choice(self.draws[quiz.pk])
            attempt = Attempt(
                learner_id=user.pk,
                quiz_id=quiz.pk,
                quiz_key=quiz.translation_key,
                number=number,
                status=Attempt.Status.SUBMITTED,
                started_at=started_at,
                deadline=started_at + timedelta(minutes=quiz.time_limit_minutes)
                if quiz.time_limit_minutes
                else None,
                submitted_at=submitted_at,
                question_ids=question_ids,
                option_order=option_order,
                score=score,
                passed=passed,
            )
            rows[Attempt].append(attempt)
            answered = [pk for pk in question_ids if pk in self.answers]
            for question_id in answered[:RESPONSES_PER_ATTEMPT]:
                selected, text, points = self.answers[question_id][
                    rng.random() * 100 < score
                ]
                rows[Response].append(
                    Response(
                        attempt=attempt,
                        question_id=question_id,
                        selected_option_ids=selected,
                        text=text,
                        score=points,
                        saved_at=submitted_at,
                    )
                )
        return attempt

    def _event(self, user: User, verb: str, page: Page, at: datetime) -> LearningEvent:
        object_type = {
            CoursePage: LearningEvent.ObjectType.COURSE,
            ModulePage: LearningEvent.ObjectType.MODULE,
        }.get(type(page), LearningEvent.ObjectType.LESSON)
        event = new_event(user, verb, page, object_type, self.course.translation_key)
        event.timestamp = at
        return event

    def _insert(self, model: type[models.Model], rows: list) -> int:
        model.objects.bulk_create(rows, batch_size=self.batch_size)
        self.counts[model] += len(rows)
        return len(rows)

    def _insert_new(
        self, model: type[models.Model], rows: list, key: tuple[str, ...]
    ) -> None:
        """Insert the rows whose `key` (a unique constraint's fields) is not taken:
        what an earlier run made is kept, and the counts stay exact."""
        taken = set(
            model.objects.filter(
                **{f"{key[0]}__in": {getattr(row, key[0]) for row in rows}}
            ).values_list(*key)
        )
        self._insert(
            model,
            [row for row in rows if tuple(getattr(row, f) for f in key) not in taken],
        )


def verified_address(user: User) -> EmailAddress:
    """The account's address, verified, so the account can log in at once."""
    return EmailAddress(user=user, email=user.email, verified=True, primary=True)


def answer(question: Question, right: bool) -> tuple[list[int], str, float | None]:
    """A right or wrong answer to `question`: options chosen, text, and its score."""
    given = demo_answer(question, right)
    selected, text = given.get("options", []), given.get("text", "")
    return selected, text, grading.score(question, selected, text)
