"""Who learns what, and how far they got.

Every record is keyed by Wagtail's `translation_key`, which a page shares with all its
translations: a trainee who switches language keeps every enrolment and completion.
The page foreign keys point at the page the trainee used and are kept only for links
and display; they may be null once an instructor deletes the page.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Enrolment(models.Model):
    """A learner's place in a course; `completed_at` stays once the course is done."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    course_key = models.UUIDField(_("course translation key"))
    course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)
    left_at = models.DateTimeField(_("left"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    round = models.PositiveSmallIntegerField(
        _("round"),
        default=1,
        help_text=_(
            "1 the first time through; one more each time the course is retaken."
        ),
    )

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["-enrolled_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "course_key"], name="one_enrolment_per_course"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.course or self.course_key}"

    @property
    def is_active(self) -> bool:
        return self.left_at is None


class Completion(models.Model):
    """What every completion record has: who, in which course, and when."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    course_key = models.UUIDField(db_index=True)
    completed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True


class LessonCompletion(Completion):
    """One lesson a learner has completed, recorded once whatever happens."""

    lesson_key = models.UUIDField()
    lesson = models.ForeignKey(
        "courses.LessonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "lesson_key"], name="one_completion_per_lesson"
            )
        ]
        indexes = [models.Index(fields=["learner", "course_key"])]

    def __str__(self) -> str:
        return f"{self.learner} – {self.lesson or self.lesson_key}"


class ModuleCompletion(Completion):
    """The first time a learner met a module's completion rule."""

    module_key = models.UUIDField()
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("module completion")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "module_key"], name="one_completion_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.module or self.module_key}"


class LearningEvent(models.Model):
    """One statement of the learning record: learner, verb, object and time.

    Shaped after xAPI (actor, verb, object, timestamp, context), so that an export
    to a Learning Record Store can turn each row into a statement.
    """

    class Verb(models.TextChoices):
        ENROLLED = "enrolled", _("enrolled in")
        LEFT = "left", _("left")
        COMPLETED = "completed", _("completed")

    class ObjectType(models.TextChoices):
        COURSE = "course", _("course")
        MODULE = "module", _("module")
        LESSON = "lesson", _("lesson")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="learning_events",
    )
    verb = models.CharField(_("verb"), max_length=20, choices=Verb.choices)
    object_type = models.CharField(
        _("object type"), max_length=20, choices=ObjectType.choices
    )
    object_key = models.UUIDField(_("object translation key"))
    object_title = models.CharField(_("object title"), max_length=255)
    course_key = models.UUIDField(_("course translation key"))
    timestamp = models.DateTimeField(_("time"), default=timezone.now)

    class Meta:
        verbose_name = _("learning event")
        ordering = ["-timestamp"]
        indexes = [
            models.Index(fields=["learner", "timestamp"]),
            models.Index(fields=["course_key", "verb", "object_type"]),
        ]

    def __str__(self) -> str:
        return f"{self.learner} {self.get_verb_display()} {self.object_title}"
