"""The question bank in the Wagtail admin: categories and questions as snippets."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from accounts.choosers import USER_CHOOSER_MODELS_HOOK
from core.permissions import ViewOnlyPolicy
from courses.articles import articles_url
from courses.outline import course_for
from quizzes import admin_views
from quizzes.attempts import questions_of
from quizzes.marking_queue import MarkingQueueViewSet, NoCreateOrDelete
from quizzes.models import Accommodation, Attempt, Question, QuestionCategory, Response


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Questions")
    list_display = ["__str__", "question_type", "category", "difficulty", "articles"]
    list_filter = ["category", "question_type", "difficulty"]
    list_export = ["stem", "question_type", "category", "difficulty", "articles"]
    search_fields = ["stem"]


class QuestionCategoryViewSet(SnippetViewSet):
    model = QuestionCategory
    icon = "folder-open-inverse"
    menu_label = _("Categories")
    list_display = ["name", "description"]


class AccommodationViewSet(SnippetViewSet):
    """Staff give one trainee extra attempts or extra time on one quiz; the trainee
    is picked with the person chooser (accounts/choosers.py)."""

    model = Accommodation
    icon = "time"
    menu_label = _("Accommodations")
    list_display = ["learner", "quiz", "extra_attempts", "extra_minutes", "granted_at"]
    search_fields = ["learner__email", "learner__last_name"]
    search_backend_name = None
    panels = [
        FieldPanel("learner"),
        FieldPanel("quiz"),
        FieldPanel("extra_attempts"),
        FieldPanel("extra_minutes"),
        FieldPanel("note"),
    ]


@hooks.register(USER_CHOOSER_MODELS_HOOK)
def accommodations_name_a_trainee() -> type[Accommodation]:
    """Who may grant or change an accommodation may look people up to name one."""
    return Accommodation


class QuestionBankGroup(ViewSetGroup):
    menu_label = _("Question bank")
    menu_icon = "help"
    menu_order = 250
    items = (QuestionViewSet, QuestionCategoryViewSet, AccommodationViewSet)


register_snippet(QuestionBankGroup)


register_permission_policy(Response, NoCreateOrDelete(Response))


@hooks.register("register_admin_viewset")
def register_marking_queue() -> MarkingQueueViewSet:
    return MarkingQueueViewSet("marking_queue")


class QuizReportsMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm(admin_views.REPORT_PERMISSION)


@hooks.register("register_admin_urls")
def register_quiz_report_urls() -> list:
    urls = [
        path("", admin_views.report_index, name="index"),
        path("<int:quiz_id>/", admin_views.report_detail, name="detail"),
    ]
    return [path("quiz-reports/", include((urls, "quiz_reports")))]


@hooks.register("register_admin_urls")
def register_question_import_url() -> list:
    return [
        path(
            "question-import/",
            admin_views.import_questions,
            name="quizzes_import_questions",
        )
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return request.user.has_perm("quizzes.add_question")


@hooks.register("register_admin_menu_item")
def register_question_import_menu_item() -> MenuItem:
    return ImportMenuItem(
        _("Import questions"),
        reverse("quizzes_import_questions"),
        icon_name="download",
        order=255,
    )


@hooks.register("register_reports_menu_item")
def register_quiz_reports_menu_item() -> MenuItem:
    return QuizReportsMenuItem(
        _("Quiz reports"), reverse("quiz_reports:index"), icon_name="help", order=50
    )


class AttemptPaperView(InspectView):
    """The exam paper of one attempt: every question with the trainee's answer."""

    template_name = "quizzes/admin/attempt_paper.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["questions"] = questions_of(self.object)
        context["types"] = Question.Type
        quiz = self.object.quiz
        context["articles_url"] = articles_url(course_for(quiz)) if quiz else ""
        return context


class AttemptViewSet(ModelViewSet):
    """Every quiz attempt, searchable by trainee, each with its exam paper."""

    model = Attempt
    icon = "list-ul"
    menu_label = _("Quiz attempts")
    menu_order = 265
    add_to_admin_menu = True
    url_prefix = "quiz-attempts"
    inspect_view_enabled = True
    inspect_view_class = AttemptPaperView
    inspect_view_fields = ["learner", "quiz", "number", "status", "score", "passed"]
    form_fields = ["status"]
    list_display = [
        TitleColumn(
            "learner",
            label=_("Trainee"),
            accessor="learner",
            url_name="quiz_attempts:inspect",
        ),
        Column("quiz", label=_("Quiz"), accessor="quiz"),
        "number",
        "score",
        "passed",
        "submitted_at",
    ]
    list_filter = ["status", "passed", "awaiting_marking"]
    search_fields = ["learner__email", "learner__last_name"]
    search_backend_name = None

    def get_queryset(self, request):
        return Attempt.objects.select_related("learner", "quiz")


register_permission_policy(Attempt, ViewOnlyPolicy(Attempt))


@hooks.register("register_admin_viewset")
def register_attempts() -> AttemptViewSet:
    return AttemptViewSet("quiz_attempts")
