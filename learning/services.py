"""Learning rules: enrolment, completion and progress. Views, template tags, the admin
and tests all call these functions; none of them re-derives a rule.

The completion rule lives in `module_requirements_met`; docs/completion-rules.md
describes it for people.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db import models, transaction
from django.db.models import F, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from accounts.models import User
from certificates.models import Certificate
from certificates.services import current_certificate, issue_certificate
from core.errors import Refusal
from courses.models import CoursePage, LessonPage, ModulePage
from courses.outline import CourseOutline, course_for, course_outline
from learning.models import Enrolment, LearningEvent, LessonCompletion, ModuleCompletion
from quizzes.models import Attempt
from quizzes.results import counted_attempt, passing_attempts, results_for


class LearningError(Refusal):
    """A request the rules refuse; `message` is shown to the trainee."""


class NotEnrolled(LearningError):
    pass


class LessonNotAvailable(LearningError):
    pass


class RetakeRefused(LearningError):
    pass


@dataclass
class ModuleProgress:
    """How far a learner is in one module, computed from the current lessons."""

    module: ModulePage
    lessons: list[LessonPage]
    completed_keys: set
    first_completed_at: datetime | None
    quiz: Page | None = None
    quiz_passed: bool = False

    @property
    def total(self) -> int:
        return len(self.lessons)

    @property
    def completed(self) -> int:
        return sum(
            1
            for lesson in self.lessons
            if lesson.translation_key in self.completed_keys
        )

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def is_complete(self) -> bool:
        return module_requirements_met(
            self.lessons, self.completed_keys, self.quiz, self.quiz_passed
        )

    @property
    def next_lesson(self) -> LessonPage | None:
        """The first lesson of the module the learner has not completed."""
        return first_unfinished(self.lessons, self.completed_keys)


@dataclass
class CourseProgress:
    """How far a learner is in a course, and where to continue."""

    enrolment: Enrolment
    outline: CourseOutline
    modules: list[ModuleProgress]
    completed_keys: set
    passed_quiz_keys: set

    @property
    def total(self) -> int:
        return len(self.outline.lessons)

    @property
    def completed(self) -> int:
        return sum(m.completed for m in self.modules)

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def completed_at(self) -> datetime | None:
        return self.enrolment.completed_at

    @property
    def quiz_results(self) -> list:
        """The learner's results in this course's quizzes (one query, when asked)."""
        return results_for(self.enrolment.learner, self.outline.quizzes)

    @property
    def next_lesson(self) -> LessonPage | None:
        """The first lesson, in course order, the learner has not completed."""
        return first_unfinished(self.outline.lessons, self.completed_keys)

    def module(self, module: Page) -> ModuleProgress | None:
        return next((m for m in self.modules if m.module.pk == module.pk), None)


def first_unfinished(
    lessons: list[LessonPage], completed_keys: set
) -> LessonPage | None:
    return next(
        (lesson for lesson in lessons if lesson.translation_key not in completed_keys),
        None,
    )


def module_requirements_met(
    lessons: list[LessonPage],
    completed_keys: set,
    quiz: Page | None = None,
    quiz_passed: bool = False,
) -> bool:
    """The completion rule for a module: it has lessons, every one is completed,
    and its end quiz, if it has one, is passed."""
    lessons_done = bool(lessons) and all(
        lesson.translation_key in completed_keys for lesson in lessons
    )
    return lessons_done and (quiz is None or quiz_passed)


def course_requirements_met(progress: CourseProgress) -> bool:
    """A course is complete when it has modules, each module's rule is met, and its
    final assessment, if it has one, is passed."""
    final = progress.outline.quiz_of(progress.outline.course)
    return (
        bool(progress.modules)
        and all(m.is_complete for m in progress.modules)
        and (final is None or final.translation_key in progress.passed_quiz_keys)
    )


def enrolment_for(learner: User, course: Page) -> Enrolment | None:
    """The learner's active enrolment in `course` or any of its translations."""
    if not learner.is_authenticated:
        return None
    return Enrolment.objects.filter(
        learner=learner, course_key=course.translation_key, left_at__isnull=True
    ).first()


def record_event(
    learner: User, verb: str, page: Page, object_type: str, course_key
) -> LearningEvent:
    event = new_event(learner, verb, page, object_type, course_key)
    event.save(force_insert=True)
    return event


def new_event(
    learner: User, verb: str, page: Page, object_type: str, course_key
) -> LearningEvent:
    """The event `record_event` saves, not yet saved (the scale seed inserts them in
    bulk)."""
    return LearningEvent(
        learner=learner,
        verb=verb,
        object_type=object_type,
        object_key=page.translation_key,
        object_title=page.title[:255],
        course_key=course_key,
    )


def record_course_event(learner: User, verb: str, course: CoursePage) -> LearningEvent:
    return record_event(
        learner, verb, course, LearningEvent.ObjectType.COURSE, course.translation_key
    )


@transaction.atomic
def enrol(learner: User, course: CoursePage) -> Enrolment:
    """Enrol `learner` in `course`; enrolling again after leaving resumes the record."""
    enrolment, created = Enrolment.objects.get_or_create(
        learner=learner,
        course_key=course.translation_key,
        defaults={"course": course},
    )
    if created or enrolment.left_at is not None:
        Enrolment.objects.filter(pk=enrolment.pk).update(left_at=None)
        enrolment.left_at = None
        record_course_event(learner, LearningEvent.Verb.ENROLLED, course)
    return enrolment


@transaction.atomic
def leave(learner: User, course: CoursePage) -> None:
    """End the learner's enrolment; completions are kept for a later return."""
    left = Enrolment.objects.filter(
        learner=learner, course_key=course.translation_key, left_at__isnull=True
    ).update(left_at=timezone.now())
    if left:
        record_course_event(learner, LearningEvent.Verb.LEFT, course)


def retake_refusal(learner: User, course: CoursePage) -> str | None:
    """Why `learner` may not retake `course` now, or None if they may.

    A course is retaken to renew an expired certificate, and only then.
    """
    certificate = current_certificate(learner, course)
    if certificate is None or not certificate.is_expired():
        return _("You can retake a course once your certificate for it has expired.")
    enrolment = Enrolment.objects.filter(
        learner=learner, course_key=course.translation_key
    ).first()
    if enrolment is None or enrolment.round != certificate.round:
        return _("You are already retaking this course.")
    return None


@transaction.atomic
def retake_course(learner: User, course: CoursePage) -> Enrolment:
    """Start the course again to renew an expired certificate.

    The trainee's lesson and module completions in the course are cleared and their
    quiz attempts archived (kept, but no longer counted), so the next certificate is
    earned afresh. The expired certificate and the event history stay on record.
    """
    enrolment = (
        Enrolment.objects.select_for_update()
        .filter(learner=learner, course_key=course.translation_key)
        .first()
    )
    refusal = retake_refusal(learner, course)
    if refusal:
        raise RetakeRefused(refusal)
    outline = course_outline(course)
    LessonCompletion.objects.filter(
        learner=learner, course_key=course.translation_key
    ).delete()
    ModuleCompletion.objects.filter(
        learner=learner, course_key=course.translation_key
    ).delete()
    Attempt.objects.filter(
        learner=learner,
        quiz_key__in=[quiz.translation_key for quiz in outline.quizzes],
    ).update(archived=True)
    enrolment.round += 1
    enrolment.completed_at = None
    enrolment.left_at = None
    enrolment.save(update_fields=["round", "completed_at", "left_at"])
    record_course_event(learner, LearningEvent.Verb.ENROLLED, course)
    return enrolment


@dataclass
class ProgressRecords:
    """What the database holds on one learner in one course: their active enrolment
    (if asked for), completed lessons, modules' first completion dates and passed
    quizzes, by translation key."""

    enrolment: Enrolment | None
    completed_keys: set
    module_completed_at: dict
    passed_quiz_keys: set


# The columns every part of the progress query selects, NULL where a table has none.
_RECORD_COLUMNS = {
    "key": models.UUIDField(),
    "moment": models.DateTimeField(),
    "since": models.DateTimeField(),
    "number": models.BigIntegerField(),
    "round": models.PositiveSmallIntegerField(),
    "course_id": models.BigIntegerField(),
}


def _record_rows(queryset: models.QuerySet, kind: str, **columns: str):
    """`queryset` as one part of the progress query: its `kind`, then the fields
    named in `columns` in their `_RECORD_COLUMNS` places."""
    return queryset.order_by().values_list(
        Value(kind, output_field=models.CharField()),
        *(
            F(columns[name]) if name in columns else Value(None, output_field=field)
            for name, field in _RECORD_COLUMNS.items()
        ),
    )


@functools.cache
def _record_parts() -> tuple[models.QuerySet, ...]:
    """The four parts of the progress query, built once: each request only filters
    them by learner and course, which halves the cost of building the query."""
    return (
        _record_rows(
            Enrolment.objects.filter(left_at__isnull=True),
            "enrolment",
            moment="completed_at",
            since="enrolled_at",
            number="pk",
            round="round",
            course_id="course_id",
        ),
        _record_rows(LessonCompletion.objects.all(), "lesson", key="lesson_key"),
        _record_rows(
            ModuleCompletion.objects.all(),
            "module",
            key="module_key",
            moment="completed_at",
        ),
        _record_rows(passing_attempts(), "quiz", key="quiz_key"),
    )


def progress_records(
    learner_id: int, course_key, quiz_keys: list, with_enrolment: bool = False
) -> ProgressRecords:
    """A learner's records in a course, in one query (a UNION ALL over the four
    tables), as every course, module and lesson page view reads them."""
    enrolments, lessons, modules, quizzes = _record_parts()
    mine = {"learner_id": learner_id, "course_key": course_key}
    parts = [
        lessons.filter(**mine),
        modules.filter(**mine),
        quizzes.filter(learner_id=learner_id, quiz_key__in=quiz_keys),
    ]
    if with_enrolment:
        parts.insert(0, enrolments.filter(**mine))
    records = ProgressRecords(None, set(), {}, set())
    rows = parts[0].union(*parts[1:], all=True)
    for kind, key, moment, since, number, round_, course_id in rows:
        if kind == "enrolment":
            values = {
                "id": number,
                "learner_id": learner_id,
                "course_key": course_key,
                "course_id": course_id,
                "enrolled_at": since,
                "left_at": None,
                "completed_at": moment,
                "round": round_,
            }
            records.enrolment = Enrolment.from_db(
                rows.db,
                list(values),
                [values[field.attname] for field in Enrolment._meta.concrete_fields],
            )
        elif kind == "lesson":
            records.completed_keys.add(key)
        elif kind == "module":
            records.module_completed_at[key] = moment
        else:
            records.passed_quiz_keys.add(key)
    return records


def _quiz_keys(outline: CourseOutline) -> list:
    return [quiz.translation_key for quiz in outline.quizzes]


def course_progress(
    learner: User, course: Page, outline: CourseOutline | None = None
) -> CourseProgress | None:
    """The learner's progress in `course`, or None if they are not enrolled (one
    query once the outline is known)."""
    if not learner.is_authenticated:
        return None
    outline = outline or course_outline(course)
    records = progress_records(
        learner.pk, course.translation_key, _quiz_keys(outline), with_enrolment=True
    )
    if records.enrolment is None:
        return None
    records.enrolment.learner = learner
    return _progress(records.enrolment, outline, records)


def progress_for_enrolment(
    enrolment: Enrolment, outline: CourseOutline
) -> CourseProgress:
    """The progress that `enrolment`'s learner has made in the outlined course."""
    records = progress_records(
        enrolment.learner_id, enrolment.course_key, _quiz_keys(outline)
    )
    return _progress(enrolment, outline, records)


def _progress(
    enrolment: Enrolment, outline: CourseOutline, records: ProgressRecords
) -> CourseProgress:
    completed_keys = records.completed_keys
    passed_keys = records.passed_quiz_keys
    modules = []
    for module in outline.modules:
        quiz = outline.quiz_of(module)
        modules.append(
            ModuleProgress(
                module=module,
                lessons=outline.lessons_of(module),
                completed_keys=completed_keys,
                first_completed_at=records.module_completed_at.get(
                    module.translation_key
                ),
                quiz=quiz,
                quiz_passed=quiz is not None and quiz.translation_key in passed_keys,
            )
        )
    return CourseProgress(
        enrolment=enrolment,
        outline=outline,
        modules=modules,
        completed_keys=completed_keys,
        passed_quiz_keys=passed_keys,
    )


@transaction.atomic
def complete_lesson(learner: User, lesson: LessonPage) -> LessonCompletion:
    """Record that `learner` completed `lesson`, exactly once, and any module or
    course completion that follows from it.

    Completing a lesson again records nothing new but derives the module and course
    completions afresh, so it also repairs a record that misses one.
    """
    if not lesson.live or lesson.get_view_restrictions().exists():
        raise LessonNotAvailable(_("This lesson is not published."))
    course = course_for(lesson)
    enrolment = enrolment_for(learner, course)
    if enrolment is None:
        raise NotEnrolled(_("Enrol in the course before you complete its lessons."))
    completion, created = LessonCompletion.objects.get_or_create(
        learner=learner,
        lesson_key=lesson.translation_key,
        defaults={"course_key": course.translation_key, "lesson": lesson},
    )
    if created:
        record_event(
            learner,
            LearningEvent.Verb.COMPLETED,
            lesson,
            LearningEvent.ObjectType.LESSON,
            course.translation_key,
        )
    recompute_completions(enrolment, course_outline(course))
    return completion


def locked(enrolment: Enrolment) -> Enrolment:
    """The enrolment's row, locked until the transaction ends.

    Everything that derives a trainee's module and course completions in a course
    takes this lock first, so those derivations run one at a time: two lessons
    completed at the same instant (two tabs, two servers, an offline sync) cannot
    each miss the other's completion. On SQLite, whose transactions take the write
    lock when they begin (settings/base.py), they are one at a time already.
    """
    row = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    row.learner = enrolment.learner
    return row


def record_completions(progress: CourseProgress) -> None:
    """Store the first completion of each module and of the course that the rules
    now grant, each with its event. Earlier completions are never changed."""
    learner = progress.enrolment.learner
    course_key = progress.enrolment.course_key
    for module in progress.modules:
        if module.is_complete and module.first_completed_at is None:
            _record, created = ModuleCompletion.objects.get_or_create(
                learner=learner,
                module_key=module.module.translation_key,
                defaults={"course_key": course_key, "module": module.module},
            )
            if created:
                record_event(
                    learner,
                    LearningEvent.Verb.COMPLETED,
                    module.module,
                    LearningEvent.ObjectType.MODULE,
                    course_key,
                )
    if course_requirements_met(progress):
        now = timezone.now()
        newly_completed = Enrolment.objects.filter(
            pk=progress.enrolment.pk, completed_at__isnull=True
        ).update(completed_at=now)
        if newly_completed:
            progress.enrolment.completed_at = now
            record_event(
                learner,
                LearningEvent.Verb.COMPLETED,
                progress.outline.course,
                LearningEvent.ObjectType.COURSE,
                course_key,
            )
            certify(progress)


def certify(progress: CourseProgress) -> None:
    """Issue the certificate for a course the learner has just completed."""
    outline = progress.outline
    final = outline.quiz_of(outline.course)
    attempt = counted_attempt(progress.enrolment.learner, final) if final else None
    issue_certificate(
        progress.enrolment.learner,
        outline.course.specific,
        progress.enrolment.completed_at,
        [module.module.title for module in progress.modules],
        attempt.score if attempt else None,
        progress.enrolment.round,
    )


def quiz_passed(learner: User, quiz: Page) -> None:
    """Record the module and course completions that a passed quiz may complete."""
    course = course_for(quiz)
    enrolment = enrolment_for(learner, course)
    if enrolment is not None:
        recompute_completions(enrolment, course_outline(course))


@transaction.atomic(savepoint=False)
def recompute_completions(enrolment: Enrolment, outline: CourseOutline) -> None:
    """Derive the enrolment's module and course completions (and certificate) from
    its records and the course as published now, under the enrolment's lock.

    Idempotent: it only adds what the rules grant and is missing, never removes a
    completion or revokes a certificate (docs/completion-rules.md).
    """
    record_completions(progress_for_enrolment(locked(enrolment), outline))


def recompute_enrolments(
    enrolments: models.QuerySet[Enrolment],
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """`recompute_completions` for each of these enrolments, reading each course's
    outline once; `progress(done, total)` is called after each. Returns how many."""
    enrolments = enrolments.filter(course__isnull=False)
    total = enrolments.count()
    outlines: dict = {}
    done = 0
    for enrolment in enrolments.iterator():
        if enrolment.course_key not in outlines:
            outlines[enrolment.course_key] = course_outline(
                CoursePage.objects.get(pk=enrolment.course_id)
            )
        recompute_completions(enrolment, outlines[enrolment.course_key])
        done += 1
        if progress is not None:
            progress(done, total)
    return done


def dashboard_progress(learner: User) -> list[CourseProgress]:
    """Progress in every course the learner is enrolled in, most recent first."""
    enrolments = Enrolment.objects.filter(
        learner=learner, left_at__isnull=True, course__isnull=False
    ).select_related("course")
    return [
        progress_for_enrolment(enrolment, course_outline(enrolment.course.localized))
        for enrolment in enrolments
    ]


@dataclass
class CertificateStanding:
    """A certificate on My learning: its state and what the trainee can do next."""

    certificate: Certificate
    retaking: bool

    @property
    def can_retake(self) -> bool:
        return (
            self.certificate.is_expired()
            and not self.retaking
            and self.certificate.course_id is not None
        )


def dashboard_certificates(learner: User) -> list[CertificateStanding]:
    """The latest unrevoked certificate of each course, newest first.

    `retaking` marks a course the trainee has already started again since.
    """
    rounds = dict(
        Enrolment.objects.filter(learner=learner).values_list("course_key", "round")
    )
    latest: dict = {}
    for certificate in learner.certificates.filter(revoked_at__isnull=True).order_by(
        "-round", "-issued_at"
    ):
        latest.setdefault(certificate.course_key, certificate)
    return [
        CertificateStanding(
            certificate, rounds.get(certificate.course_key, 0) > certificate.round
        )
        for certificate in sorted(
            latest.values(), key=lambda c: c.issued_at, reverse=True
        )
    ]
