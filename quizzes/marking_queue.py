"""The essay marking queue in the Wagtail admin (the mark itself: `quizzes.marking`)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from quizzes.marking import mark_essay
from quizzes.models import Attempt, Question, Response


class MarkingForm(forms.ModelForm):
    """An instructor's mark (0-100) and comment for one essay answer."""

    mark = forms.IntegerField(
        label=_("Mark (%)"),
        min_value=0,
        max_value=100,
        help_text=_("How much of the question's credit the answer earns."),
    )

    class Meta:
        model = Response
        fields = ["marker_comment"]
        labels = {"marker_comment": _("Comment for the trainee")}


class MarkEssayView(EditView):
    template_name = "quizzes/admin/mark_essay.html"

    def get_form(self, form_class=None):
        form = MarkingForm(**self.get_form_kwargs())
        if self.object.score is not None:
            form.initial["mark"] = round(self.object.score * 100)
        return form

    def save_instance(self):
        mark_essay(
            self.object,
            self.form.cleaned_data["mark"],
            self.form.cleaned_data["marker_comment"],
            self.request.user,
        )
        return self.object

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["essay"] = self.object
        return context


class MarkingQueueView(IndexView):
    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .filter(
                question__question_type=Question.Type.ESSAY,
                attempt__status=Attempt.Status.SUBMITTED,
            )
        )


class NoCreateOrDelete(ModelPermissionPolicy):
    """Answers come from trainees: instructors mark them, never add or delete."""

    def user_has_permission(self, user, action):
        return action in {"change", "view"} and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


def mark_label(response: Response) -> str:
    if response.score is None:
        return _("To mark")
    return f"{round(response.score * 100)}%"


class MarkingQueueViewSet(ModelViewSet):
    """Essay answers waiting for a mark come first; marked ones stay findable."""

    model = Response
    icon = "edit"
    menu_label = _("Marking queue")
    menu_order = 260
    add_to_admin_menu = True
    url_prefix = "marking-queue"
    index_view_class = MarkingQueueView
    edit_view_class = MarkEssayView
    form_fields = ["marker_comment"]
    ordering = ["-score", "saved_at"]
    list_display = [
        TitleColumn(
            "learner",
            label=_("Trainee"),
            accessor="attempt.learner",
            url_name="marking_queue:edit",
        ),
        Column("quiz", label=_("Quiz"), accessor="attempt.quiz"),
        Column("question", label=_("Question"), accessor="question"),
        Column("saved_at", label=_("Answered")),
        Column("status", label=_("Mark"), accessor=mark_label),
    ]
    list_filter = ["marked_at"]
    search_fields = ["attempt__learner__email", "attempt__learner__last_name"]
    search_backend_name = None

    def get_queryset(self, request):
        return Response.objects.select_related(
            "attempt__learner", "attempt__quiz", "question"
        )
