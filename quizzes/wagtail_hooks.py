"""The question bank in the Wagtail admin: categories and questions as snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from quizzes.marking import MarkingQueueViewSet, NoCreateOrDelete
from quizzes.models import Question, QuestionCategory, Response


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


class QuestionBankGroup(ViewSetGroup):
    menu_label = _("Question bank")
    menu_icon = "help"
    menu_order = 250
    items = (QuestionViewSet, QuestionCategoryViewSet)


register_snippet(QuestionBankGroup)


register_permission_policy(Response, NoCreateOrDelete(Response))


@hooks.register("register_admin_viewset")
def register_marking_queue() -> MarkingQueueViewSet:
    return MarkingQueueViewSet("marking_queue")
