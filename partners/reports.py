"""The numbers on the partner dashboard and in its exports.

Each function starts from one organisation's trainees (`partners.access.trainees_of`)
and answers in a fixed number of queries, however many trainees there are: four per
course (its outline, `courses.outline.course_outline`), a few for the whole report,
and for the trainee table a fixed few per chunk of trainees. The rules for progress,
counted quiz attempts and certificates are those of `learning`, `quizzes` and
`certificates`, read in bulk.

What the filters mean, everywhere:
- cohort, country and job role choose people: the cohort's members (and then only
  the cohort's courses), or the trainees of that country or role;
- the enrolment date range chooses enrolments: figures about enrolled trainees
  count only enrolments made within it. Cohort sizes ("members") and overdue
  counts are about people, so the range does not narrow them.

An enrolment counts even if the trainee has since left the course: the manager sent
them, and leaving keeps their completions.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import cached_property
from uuid import UUID

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from courses import convention
from courses.models import CoursePage, ModulePage
from courses.outline import CourseOutline, course_outline
from learning.models import Enrolment, LessonCompletion, ModuleCompletion
from learning.services import CourseProgress, progress_for_enrolment
from partners.access import trainees_of
from partners.filters import Filters
from partners.models import Cohort, CohortMember, Organisation
from quizzes.models import Attempt, Response
from quizzes.results import QuizResult, counted_attempts, results_for

# Trainees read per round of queries by `trainee_rows`: enough to keep the number of
# queries low, few enough that an export of 100 000 rows never sits in memory.
CHUNK_SIZE = 2000
# Below this share of correct answers an article or chapter is flagged for revision.
WEAK_BELOW = 60
ONE_DECIMAL = Decimal("0.1")


@dataclass
class TraineeRow:
    """One trainee's standing in one course (a row of the trainee table and export)."""

    user: User
    cohorts: list[str]
    course_title: str
    enrolled_at: datetime | None
    progress_percent: int
    completed_at: datetime | None
    average_score: Decimal | None
    certificate_code: str
    overdue: bool


@dataclass
class SummaryRow:
    """One cohort's numbers in one of its courses (a row of the summary)."""

    cohort: Cohort
    course: CoursePage
    members: int
    enrolled: int
    started: int
    completed: int
    average_score: Decimal | None
    overdue: int

    @property
    def completion_percent(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


@dataclass
class FunnelStep:
    """How many of a course's enrolled trainees have completed one of its modules."""

    module: ModulePage
    completed: int
    enrolled: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.enrolled) if self.enrolled else 0


@dataclass
class CourseStanding:
    """One course on a trainee's page: progress per module, quiz results and
    certificate. `progress` is None while the trainee has not enrolled."""

    course: CoursePage
    progress: CourseProgress | None
    quiz_results: list[QuizResult]
    certificate: Certificate | None
    overdue: bool


@dataclass
class TraineeDetail:
    """Everything a manager sees about one of their trainees."""

    user: User
    cohorts: list[Cohort]
    courses: list[CourseStanding]


@dataclass
class Mastery:
    """The marks a group earned on questions citing some part of the Convention."""

    responses: int = 0
    earned: float = 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.earned / self.responses) if self.responses else 0

    @property
    def weak(self) -> bool:
        return self.percent < WEAK_BELOW

    def add(self, responses: int, earned: float) -> None:
        self.responses += responses
        self.earned += earned


@dataclass(kw_only=True)
class ArticleMastery(Mastery):
    article: convention.Article


@dataclass(kw_only=True)
class ChapterMastery(Mastery):
    chapter: convention.Chapter
    articles: list[ArticleMastery] = field(default_factory=list)


def mean(scores: list[Decimal]) -> Decimal | None:
    return (sum(scores) / len(scores)).quantize(ONE_DECIMAL) if scores else None


def ended(cohort: Cohort) -> bool:
    """Whether the cohort's end date has passed: its members still not done with a
    course are then overdue."""
    return cohort.end_date < timezone.localdate()


class OrganisationReport:
    """The figures for one organisation under one set of filters.

    The dashboard asks one report for its summary, funnel and page of trainees, so
    cohorts and course outlines are read once per page.
    """

    def __init__(self, organisation: Organisation, filters: Filters):
        self.organisation = organisation
        self.filters = filters
        self.outlines: dict[UUID, CourseOutline] = {}

    @cached_property
    def cohorts(self) -> list[Cohort]:
        """The cohorts in view (the filtered one, else all), newest first."""
        cohorts = self.organisation.cohorts.prefetch_related("courses")
        if self.filters.cohort:
            cohorts = cohorts.filter(pk=self.filters.cohort.pk)
        cohorts = list(cohorts)
        for cohort in cohorts:
            for course in cohort.courses.all():
                self.outline(course)
        return cohorts

    def outline(self, course: CoursePage) -> CourseOutline:
        """The course's published outline, read once per report and translation."""
        if course.translation_key not in self.outlines:
            self.outlines[course.translation_key] = course_outline(course)
        return self.outlines[course.translation_key]

    def courses_of(self, cohort: Cohort) -> list[CoursePage]:
        return sorted(cohort.courses.all(), key=lambda course: course.path)

    def people(self) -> QuerySet[User]:
        """The trainees chosen by cohort, country and job role."""
        people = trainees_of(self.organisation)
        if self.filters.cohort:
            people = people.filter(cohorts=self.filters.cohort)
        if self.filters.country:
            people = people.filter(country=self.filters.country)
        if self.filters.job_role:
            people = people.filter(job_role=self.filters.job_role)
        return people

    def enrolment_range(self) -> Q:
        """The enrolments made within the date range (all of them without one)."""
        within = Q()
        if self.filters.enrolled_from:
            within &= Q(enrolled_at__date__gte=self.filters.enrolled_from)
        if self.filters.enrolled_to:
            within &= Q(enrolled_at__date__lte=self.filters.enrolled_to)
        return within

    def in_range(self, enrolled_at: datetime) -> bool:
        day = timezone.localdate(enrolled_at)
        start, end = self.filters.enrolled_from, self.filters.enrolled_to
        return (start is None or start <= day) and (end is None or day <= end)

    def trainees(self) -> QuerySet[User]:
        """The trainees listed in the trainee table and export, by name: those the
        person filters choose, who enrolled within the date range if there is one."""
        trainees = self.people()
        within = self.enrolment_range()
        if within:
            enrolments = Enrolment.objects.filter(within, learner=OuterRef("pk"))
            if self.filters.cohort:
                enrolments = enrolments.filter(course_key__in=self.cohort_course_keys())
            trainees = trainees.filter(Exists(enrolments))
        return trainees.order_by("last_name", "first_name", "email")

    def cohort_course_keys(self) -> set[UUID]:
        return {
            course.translation_key
            for cohort in self.cohorts
            for course in cohort.courses.all()
        }

    def summary(self) -> list[SummaryRow]:
        """Per cohort and course: see `summary`."""
        cohorts = self.cohorts
        people = self.people()
        members = dict(
            CohortMember.objects.filter(cohort__in=cohorts, user__in=people)
            .values("cohort_id")
            .annotate(count=Count("pk"))
            .values_list("cohort_id", "count")
        )
        within = self.enrolment_range()
        done = Q(completed_at__isnull=False)
        started = Exists(
            LessonCompletion.objects.filter(
                learner_id=OuterRef("learner_id"), course_key=OuterRef("course_key")
            )
        )
        counts = {
            (row["cohort"], row["course_key"]): row
            for row in Enrolment.objects.filter(
                learner__in=people,
                learner__cohorts__in=cohorts,
                course_key__in=self.cohort_course_keys(),
            )
            .values("course_key", cohort=F("learner__cohorts"))
            .annotate(
                enrolled=Count("pk", filter=within or None),
                started=Count("pk", filter=within & Q(started)),
                completed=Count("pk", filter=within & done),
                completed_ever=Count("pk", filter=done),
            )
        }
        scores = self.cohort_scores(people)
        rows = []
        for cohort in cohorts:
            for course in self.courses_of(cohort):
                key = (cohort.pk, course.translation_key)
                count = counts.get(key, {})
                total, answers = scores.get(key, (Decimal(0), 0))
                rows.append(
                    SummaryRow(
                        cohort=cohort,
                        course=course,
                        members=members.get(cohort.pk, 0),
                        enrolled=count.get("enrolled", 0),
                        started=count.get("started", 0),
                        completed=count.get("completed", 0),
                        average_score=(total / answers).quantize(ONE_DECIMAL)
                        if answers
                        else None,
                        overdue=members.get(cohort.pk, 0)
                        - count.get("completed_ever", 0)
                        if ended(cohort)
                        else 0,
                    )
                )
        return rows

    def cohort_scores(
        self, people: QuerySet[User]
    ) -> dict[tuple[int, UUID], tuple[Decimal, int]]:
        """The sum and number of counted quiz scores per cohort and course (of the
        members who enrolled in the course within the date range, if there is one):
        one query a course."""
        scores = {}
        within = self.enrolment_range()
        for key in self.cohort_course_keys():
            counted = counted_attempts(self.outlines[key].quizzes).filter(
                learner__in=people, learner__cohorts__in=self.cohorts
            )
            if within:
                counted = counted.filter(
                    Exists(
                        Enrolment.objects.filter(
                            within, learner_id=OuterRef("learner_id"), course_key=key
                        )
                    )
                )
            for cohort_id, total, answers in (
                counted.values(cohort=F("learner__cohorts"))
                .annotate(total=Sum("score"), answers=Count("pk"))
                .values_list("cohort", "total", "answers")
            ):
                scores[(cohort_id, key)] = (total, answers)
        return scores

    def module_funnel(self, course: CoursePage) -> list[FunnelStep]:
        """Per module of `course`, in course order: see `module_funnel`."""
        outline = self.outline(course)
        enrolled = Enrolment.objects.filter(
            self.enrolment_range(),
            course_key=course.translation_key,
            learner__in=self.people(),
        )
        total = enrolled.count()
        completed = dict(
            ModuleCompletion.objects.filter(
                learner_id__in=enrolled.values("learner_id"),
                module_key__in=[module.translation_key for module in outline.modules],
            )
            .values("module_key")
            .annotate(count=Count("pk"))
            .values_list("module_key", "count")
        )
        return [
            FunnelStep(module, completed.get(module.translation_key, 0), total)
            for module in outline.modules
        ]

    def rows(self, users: list[User]) -> Iterator[TraineeRow]:
        """The rows of these trainees, in their order, in five queries (and four more
        for each course met for the first time).

        A trainee has a row for each course of their cohorts, enrolled or not (then
        with no enrolment date and progress 0, so the manager sees who has not
        begun), and, without a cohort filter, for each other course they enrolled
        in. With a date range only rows enrolled within it remain. Enrolments whose
        course page was deleted have no outline to measure progress by and are left
        out.
        """
        ids = [user.pk for user in users]
        cohorts = {cohort.pk: cohort for cohort in self.cohorts}
        cohort_keys = {
            cohort.pk: {course.translation_key for course in cohort.courses.all()}
            for cohort in self.cohorts
        }
        their_cohorts = defaultdict(list)
        for user_id, cohort_id in CohortMember.objects.filter(
            user_id__in=ids, cohort_id__in=cohorts
        ).values_list("user_id", "cohort_id"):
            their_cohorts[user_id].append(cohorts[cohort_id])
        enrolments = Enrolment.objects.filter(learner_id__in=ids)
        if self.filters.cohort:
            enrolments = enrolments.filter(course_key__in=self.cohort_course_keys())
        enrolled = defaultdict(dict)
        for enrolment in enrolments.values_list(
            "learner_id",
            "course_key",
            "course_id",
            "enrolled_at",
            "completed_at",
            named=True,
        ):
            enrolled[enrolment.learner_id][enrolment.course_key] = enrolment
        self.read_outlines(
            enrolment.course_id
            for by_course in enrolled.values()
            for enrolment in by_course.values()
            if enrolment.course_key not in self.outlines
        )
        lessons_done = self.lessons_done(ids)
        scores = self.scores(ids)
        certificates = self.certificate_codes(ids)
        dated = bool(self.filters.enrolled_from or self.filters.enrolled_to)
        for user in users:
            own = enrolled[user.pk]
            mine = sorted(their_cohorts[user.pk], key=self.cohorts.index)
            keys = {key for cohort in mine for key in cohort_keys[cohort.pk]}
            keys |= own.keys() & self.outlines.keys()
            for key in sorted(keys, key=lambda key: self.outlines[key].course.path):
                enrolment = own.get(key)
                if dated and not (enrolment and self.in_range(enrolment.enrolled_at)):
                    continue
                outline = self.outlines[key]
                lessons = len(outline.lessons)
                in_course = [c for c in mine if key in cohort_keys[c.pk]]
                completed_at = enrolment.completed_at if enrolment else None
                yield TraineeRow(
                    user=user,
                    cohorts=[cohort.name for cohort in in_course],
                    course_title=outline.course.title,
                    enrolled_at=enrolment.enrolled_at if enrolment else None,
                    progress_percent=round(
                        100 * lessons_done.get((user.pk, key), 0) / lessons
                    )
                    if lessons and enrolment
                    else 0,
                    completed_at=completed_at,
                    average_score=mean(scores.get((user.pk, key), [])),
                    certificate_code=certificates.get((user.pk, key), ""),
                    overdue=completed_at is None and any(map(ended, in_course)),
                )

    def read_outlines(self, course_ids: Iterable[int]) -> None:
        """Read the outlines of these courses (trainees' own enrolments), once each."""
        course_ids = set(course_ids) - {None}
        if course_ids:
            for course in CoursePage.objects.filter(pk__in=course_ids):
                self.outline(course)

    def lessons_done(self, ids: list[int]) -> dict[tuple[int, UUID], int]:
        """How many published lessons each trainee completed, per course."""
        published = [
            lesson.translation_key
            for outline in self.outlines.values()
            for lesson in outline.lessons
        ]
        return {
            (learner_id, course_key): count
            for learner_id, course_key, count in LessonCompletion.objects.filter(
                learner_id__in=ids, lesson_key__in=published
            )
            .values("learner_id", "course_key")
            .annotate(count=Count("pk"))
            .values_list("learner_id", "course_key", "count")
        }

    def scores(self, ids: list[int]) -> dict[tuple[int, UUID], list[Decimal]]:
        """Each trainee's counted quiz scores, per course."""
        course_of = {
            quiz.translation_key: key
            for key, outline in self.outlines.items()
            for quiz in outline.quizzes
        }
        scores = defaultdict(list)
        for learner_id, quiz_key, score in (
            counted_attempts([q for o in self.outlines.values() for q in o.quizzes])
            .filter(learner_id__in=ids)
            .values_list("learner_id", "quiz_key", "score")
        ):
            scores[(learner_id, course_of[quiz_key])].append(score)
        return scores

    def certificate_codes(self, ids: list[int]) -> dict[tuple[int, UUID], str]:
        """The code of each trainee's latest unrevoked certificate, per course."""
        return {
            (learner_id, course_key): code
            for learner_id, course_key, code in Certificate.objects.filter(
                learner_id__in=ids,
                course_key__in=self.outlines,
                revoked_at__isnull=True,
            )
            .order_by("round", "issued_at")
            .values_list("learner_id", "course_key", "code")
        }

    def trainee_rows(self) -> Iterator[TraineeRow]:
        """Every row of the trainee table, read CHUNK_SIZE trainees at a time."""
        ids = list(self.trainees().values_list("pk", flat=True))
        for start in range(0, len(ids), CHUNK_SIZE):
            chunk = ids[start : start + CHUNK_SIZE]
            users = User.objects.in_bulk(chunk)
            yield from self.rows([users[pk] for pk in chunk if pk in users])


def summary(organisation: Organisation, filters: Filters) -> list[SummaryRow]:
    """Per cohort and each of its courses (newest cohort first, courses in catalogue
    order): members, enrolled, started (completed at least one lesson), completed,
    the mean of the members' counted quiz scores in the course's quizzes, and, once
    the cohort's end date has passed, the members who have not completed it."""
    return OrganisationReport(organisation, filters).summary()


def trainee_rows(organisation: Organisation, filters: Filters) -> Iterator[TraineeRow]:
    """One row per trainee and course (see `OrganisationReport.rows`), trainees by
    name, produced lazily a chunk of trainees at a time."""
    return OrganisationReport(organisation, filters).trainee_rows()


def module_funnel(
    organisation: Organisation, filters: Filters, course: CoursePage
) -> list[FunnelStep]:
    """Per module of `course`, in course order: how many of the filtered trainees
    enrolled in the course have completed it (the first completion stays even if a
    lesson is added later, as in docs/completion-rules.md)."""
    return OrganisationReport(organisation, filters).module_funnel(course)


def trainee_detail(organisation: Organisation, user: User) -> TraineeDetail:
    """One trainee's cohorts in the organisation and, for each of their cohorts'
    courses and each course they enrolled in, progress per module, quiz results and
    latest unrevoked certificate. The caller checks that `user` is a trainee of
    `organisation`."""
    cohorts = list(
        organisation.cohorts.filter(members=user).prefetch_related("courses")
    )
    pages = {
        course.translation_key: course
        for cohort in cohorts
        for course in cohort.courses.all()
    }
    enrolments = {}
    for enrolment in Enrolment.objects.filter(learner=user).select_related("course"):
        enrolments[enrolment.course_key] = enrolment
        if enrolment.course is not None:
            pages.setdefault(enrolment.course_key, enrolment.course)
    certificates = {}
    for certificate in Certificate.objects.filter(
        learner=user, revoked_at__isnull=True
    ).order_by("round", "issued_at"):
        certificates[certificate.course_key] = certificate
    courses = []
    for key, course in sorted(pages.items(), key=lambda item: item[1].path):
        outline = course_outline(course)
        enrolment = enrolments.get(key)
        progress = progress_for_enrolment(enrolment, outline) if enrolment else None
        courses.append(
            CourseStanding(
                course=course,
                progress=progress,
                quiz_results=results_for(user, outline.quizzes) if progress else [],
                certificate=certificates.get(key),
                overdue=not (enrolment and enrolment.completed_at)
                and any(
                    ended(cohort)
                    for cohort in cohorts
                    if key in {c.translation_key for c in cohort.courses.all()}
                ),
            )
        )
    return TraineeDetail(user=user, cohorts=cohorts, courses=courses)


def mastery(cohort: Cohort) -> list[ChapterMastery]:
    """The share of the marks the cohort's trainees earned, per Convention chapter
    and article that the questions cite, chapters and articles in Convention order.

    Every graded answer in a counted (not archived) attempt at a quiz of the
    cohort's courses counts once for each article its question cites, and once for
    each chapter those articles belong to. Answers are summed per question in the
    database; the article lists are expanded here.
    """
    quiz_keys = [
        quiz.translation_key
        for course in cohort.courses.all()
        for quiz in course_outline(course).quizzes
    ]
    per_question = (
        Response.objects.filter(
            attempt__learner__in=trainees_of(cohort.organisation).filter(
                cohorts=cohort
            ),
            attempt__quiz_key__in=quiz_keys,
            attempt__status=Attempt.Status.SUBMITTED,
            attempt__archived=False,
            score__isnull=False,
        )
        .values("question_id", "question__articles")
        .annotate(responses=Count("pk"), earned=Sum("score"))
        .values_list("question__articles", "responses", "earned")
    )
    articles: dict[int, ArticleMastery] = {}
    chapters: dict[int, ChapterMastery] = {}
    for cited, responses, earned in per_question:
        numbers = convention.parse_article_list(cited)
        for number in numbers:
            article = convention.article(number)
            articles.setdefault(number, ArticleMastery(article=article)).add(
                responses, earned
            )
        for number in {convention.article(n).chapter_number for n in numbers}:
            chapters.setdefault(
                number, ChapterMastery(chapter=convention.chapter(number))
            ).add(responses, earned)
    for number in sorted(articles):
        chapters[articles[number].article.chapter_number].articles.append(
            articles[number]
        )
    return [chapters[number] for number in sorted(chapters)]
