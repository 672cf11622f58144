"""How learning is assessed: the question bank, quiz pages, attempts and responses.

Questions are reusable snippets grouped in categories; a QuizPage under a module (its
end quiz) or a course (the final assessment) chooses questions and sets the rules.
Attempts and responses are ordinary models, keyed like the learning records by the
quiz page's translation key. The rules live in
modules named for what they do: `attempts`, `drawing`, `grading`, `results`,
`feedback`, `marking` and `bank`.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
)
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from courses import convention
from courses.blocks import SHORT_TEXT_FEATURES
from courses.outline import breadcrumb_trail
from quizzes.eligibility import ineligibility
from quizzes.forms import QuestionForm


class QuestionCategory(models.Model):
    """A group of questions in the bank, e.g. one per Convention chapter."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Question(index.Indexed, ClusterableModel):
    """A reusable question: stem, type, answers, feedback and the articles it tests."""

    class Type(models.TextChoices):
        SINGLE_CHOICE = "single_choice", _("Single choice")
        MULTIPLE_RESPONSE = "multiple_response", _("Multiple response")
        TRUE_FALSE = "true_false", _("True or false")
        SHORT_ANSWER = "short_answer", _("Short answer")
        ESSAY = "essay", _("Essay (marked by an instructor)")

    class Difficulty(models.TextChoices):
        EASY = "easy", _("Easy")
        MEDIUM = "medium", _("Medium")
        HARD = "hard", _("Hard")

    question_type = models.CharField(
        _("type"), max_length=20, choices=Type.choices, default=Type.SINGLE_CHOICE
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    difficulty = models.CharField(
        _("difficulty"),
        max_length=10,
        choices=Difficulty.choices,
        default=Difficulty.MEDIUM,
    )
    stem = RichTextField(_("question"), features=SHORT_TEXT_FEATURES)
    explanation = RichTextField(
        _("general explanation"),
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "Shown with the feedback. For an essay: the marking guide for instructors."
        ),
    )
    articles = models.CharField(
        _("Convention articles tested"),
        max_length=100,
        help_text=_("Article numbers, e.g. 25 or 27-28."),
    )
    true_false_answer = models.BooleanField(
        _("the statement is true"), null=True, blank=True
    )
    feedback_true = models.TextField(_("feedback to the answer True"), blank=True)
    feedback_false = models.TextField(_("feedback to the answer False"), blank=True)
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_(
            "Short answer only: one accepted answer per line. Case and extra spaces "
            "are ignored."
        ),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("question_type"),
                FieldPanel("category", widget=forms.Select),
            ],
        ),
        FieldRowPanel([FieldPanel("difficulty"), FieldPanel("articles")]),
        FieldPanel("stem"),
        InlinePanel(
            "options",
            label=_("Options (single choice and multiple response)"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("true_false_answer"),
                FieldPanel("feedback_true"),
                FieldPanel("feedback_false"),
            ],
            heading=_("True or false"),
        ),
        FieldPanel("accepted_answers"),
        FieldPanel("explanation"),
    ]

    search_fields = [
        index.SearchField("stem"),
        index.AutocompleteField("stem"),
        index.FilterField("category"),
        index.FilterField("question_type"),
    ]

    base_form_class = QuestionForm

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["category__name", "pk"]

    def __str__(self) -> str:
        text = strip_tags(self.stem).strip() or _("Question %(pk)s") % {"pk": self.pk}
        return text if len(text) <= 90 else text[:89] + "…"

    @property
    def article_numbers(self) -> list[int]:
        return convention.parse_article_list(self.articles)

    @property
    def is_auto_graded(self) -> bool:
        return self.question_type != self.Type.ESSAY

    @property
    def accepted_answer_list(self) -> list[str]:
        return [line for line in self.accepted_answers.splitlines() if line.strip()]

    def clean(self) -> None:
        super().clean()
        if not strip_tags(self.stem).strip():
            raise ValidationError({"stem": _("Write the question.")})
        try:
            self.articles = convention.checked_article_list(self.articles)
        except convention.ArticleListError as error:
            raise ValidationError({"articles": error.message}) from error
        if (
            self.question_type == self.Type.TRUE_FALSE
            and self.true_false_answer is None
        ):
            raise ValidationError(
                {"true_false_answer": _("Say whether the statement is true or false.")}
            )
        if (
            self.question_type == self.Type.SHORT_ANSWER
            and not self.accepted_answer_list
        ):
            raise ValidationError(
                {"accepted_answers": _("Give at least one accepted answer.")}
            )


class Option(Orderable):
    """One answer option of a single-choice or multiple-response question."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("option"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)
    feedback = models.TextField(_("feedback"), blank=True)

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    def __str__(self) -> str:
        return self.text


class QuizPage(Page):
    """A quiz: the module's end quiz, or under a course its final assessment."""

    class FeedbackPolicy(models.TextChoices):
        IMMEDIATE = "immediate", _("Right away, question by question")
        AFTER_SUBMISSION = "after_submission", _("After the attempt is submitted")
        AFTER_PASSING = "after_passing", _("Only once the trainee has passed")
        NEVER = "never", _("Never")

    class GradingMethod(models.TextChoices):
        BEST = "best", _("Best attempt counts")
        LATEST = "latest", _("Latest attempt counts")

    class CorrectAnswers(models.TextChoices):
        AFTER_EACH_ATTEMPT = "after_each_attempt", _("After every attempt")
        WHEN_DONE = "when_done", _("Once passed, or once no attempt is left")
        NEVER = "never", _("Never")

    introduction = RichTextField(
        _("introduction"), features=SHORT_TEXT_FEATURES, blank=True
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    attempts_allowed = models.PositiveSmallIntegerField(
        _("attempts allowed"),
        default=0,
        help_text=_("0 means unlimited."),
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        help_text=_("Leave empty for no time limit."),
    )
    questions_to_draw = models.PositiveSmallIntegerField(
        _("questions per attempt"),
        null=True,
        blank=True,
        help_text=_("Leave empty to use every question; otherwise drawn at random."),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=True)
    shuffle_options = models.BooleanField(_("shuffle options"), default=True)
    feedback_policy = models.CharField(
        _("show feedback and correct answers"),
        max_length=20,
        choices=FeedbackPolicy.choices,
        default=FeedbackPolicy.AFTER_SUBMISSION,
    )
    show_correct_answers = models.CharField(
        _("show the correct answers"),
        max_length=20,
        choices=CorrectAnswers.choices,
        default=CorrectAnswers.WHEN_DONE,
        help_text=_(
            "Until then, the feedback says which answers were wrong and explains the "
            "rule, without showing the correct option, so that a retake still tests "
            "the trainee."
        ),
    )
    draw_by_chapter = models.BooleanField(
        _("draw in proportion to the chapters"),
        default=False,
        help_text=_(
            "For a final assessment: each chapter of the Convention gets a share of "
            "the questions in proportion to its number of articles, at least one. "
            "A question belongs to the chapter of the lowest-numbered article it tests."
        ),
    )
    requires_all_modules = models.BooleanField(
        _("open only when every module is complete"),
        default=False,
        help_text=_(
            "For a final assessment: trainees see what remains and can start it "
            "once every module of the course is complete."
        ),
    )
    grading_method = models.CharField(
        _("which attempt counts"),
        max_length=10,
        choices=GradingMethod.choices,
        default=GradingMethod.BEST,
    )
    retake_wait_minutes = models.PositiveIntegerField(
        _("wait before a retake (minutes)"),
        default=0,
        help_text=_("How long a trainee waits after a failed attempt."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        InlinePanel("quiz_questions", label=_("Questions"), min_num=1),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("pass_mark"), FieldPanel("attempts_allowed")]
                ),
                FieldRowPanel(
                    [FieldPanel("time_limit_minutes"), FieldPanel("questions_to_draw")]
                ),
                FieldRowPanel(
                    [FieldPanel("shuffle_questions"), FieldPanel("shuffle_options")]
                ),
                FieldRowPanel(
                    [FieldPanel("feedback_policy"), FieldPanel("show_correct_answers")]
                ),
                FieldRowPanel(
                    [FieldPanel("draw_by_chapter"), FieldPanel("requires_all_modules")]
                ),
                FieldRowPanel(
                    [FieldPanel("grading_method"), FieldPanel("retake_wait_minutes")]
                ),
            ],
            heading=_("Quiz rules"),
        )
    ]

    parent_page_types = ["courses.ModulePage", "courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")

    def get_context(self, request, *args, **kwargs):
        # The quiz rules import these models, so they are imported when first used.
        from quizzes.attempts import quiz_overview

        context = super().get_context(request, *args, **kwargs)
        context["breadcrumbs"] = breadcrumb_trail(self)
        context.update(quiz_overview(request.user, self))
        if request.user.is_authenticated:
            context["ineligible"] = ineligibility(request.user, self)
        return context


class QuizQuestion(Orderable):
    """A question chosen from the bank into a quiz."""

    page = ParentalKey(
        QuizPage, on_delete=models.CASCADE, related_name="quiz_questions"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="+"
    )

    panels = [FieldPanel("question")]


class Attempt(models.Model):
    """One try at a quiz: the questions drawn, in order, and the result once graded."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        QuizPage,
        verbose_name=_("quiz"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="attempts",
    )
    quiz_key = models.UUIDField(_("quiz translation key"))
    number = models.PositiveSmallIntegerField(_("attempt number"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.IN_PROGRESS
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    question_ids = models.JSONField(_("questions drawn"), default=list)
    option_order = models.JSONField(_("option order"), default=dict)
    option_keys = models.JSONField(
        _("option keys"),
        default=dict,
        help_text=_(
            "The random key that stands for each option in this attempt's form, so "
            "that nothing the browser receives reveals which option is which."
        ),
    )
    score = models.DecimalField(
        _("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    awaiting_marking = models.BooleanField(_("awaiting marking"), default=False)
    archived = models.BooleanField(
        _("archived"),
        default=False,
        help_text=_(
            "Made before the trainee retook the course: kept on record, but it no "
            "longer counts towards passing or the attempt limit."
        ),
    )

    class Meta:
        verbose_name = _("quiz attempt")
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz_key", "number"], name="one_attempt_per_number"
            ),
            models.UniqueConstraint(
                fields=["learner", "quiz_key"],
                condition=models.Q(status="in_progress", archived=False),
                name="one_open_attempt_per_quiz",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.quiz or self.quiz_key} #{self.number}"

    def is_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.IN_PROGRESS and (
            self.deadline is None or now <= self.deadline
        )


class Response(models.Model):
    """The trainee's answer to one question of an attempt, saved as it is given."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="responses"
    )
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    selected_option_ids = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)
    score = models.FloatField(null=True, blank=True)
    saved_at = models.DateTimeField(default=timezone.now)
    checked_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text=_("When feedback was shown right away; the answer is then final."),
    )
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    marked_at = models.DateTimeField(null=True, blank=True)
    marker_comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("quiz response")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "question"], name="one_response_per_question"
            )
        ]

    def __str__(self) -> str:
        return f"{self.attempt} – {self.question_id}"


class Accommodation(models.Model):
    """Extra attempts or extra time that staff grant one trainee for one quiz."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainee"),
        on_delete=models.CASCADE,
        related_name="quiz_accommodations",
    )
    quiz = models.ForeignKey(
        QuizPage,
        verbose_name=_("quiz"),
        on_delete=models.CASCADE,
        related_name="accommodations",
    )
    quiz_key = models.UUIDField(editable=False)
    extra_attempts = models.PositiveSmallIntegerField(_("extra attempts"), default=0)
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra minutes"),
        default=0,
        help_text=_("Added to the time limit of every attempt."),
    )
    note = models.CharField(_("reason"), max_length=255, blank=True)
    granted_at = models.DateTimeField(_("granted"), auto_now=True)

    class Meta:
        verbose_name = _("quiz accommodation")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "quiz_key"], name="one_accommodation_per_quiz"
            )
        ]

    def __str__(self) -> str:
        return f"{self.learner} – {self.quiz}"

    def save(self, *args, **kwargs) -> None:
        self.quiz_key = self.quiz.translation_key
        super().save(*args, **kwargs)
