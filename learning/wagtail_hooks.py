"""Staff view of learners in the Wagtail admin: find a trainee, see their progress;
and the condition `learning` sets on taking quizzes: enrolment in the course."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from core.permissions import ViewOnlyPolicy
from courses.outline import course_for, course_outline
from learning import services
from learning.models import Enrolment
from quizzes.eligibility import ELIGIBILITY_HOOK, Ineligible

register_permission_policy(Enrolment, ViewOnlyPolicy(Enrolment))


@hooks.register(ELIGIBILITY_HOOK)
def enrolment_required(user, quiz) -> Ineligible | None:
    """A quiz counts towards a course: only its enrolled trainees take it."""
    course = course_for(quiz)
    if services.enrolment_for(user, course) is not None:
        return None
    return Ineligible(
        _("Enrol in the course to take its quizzes and have your results count."),
        action_url=reverse("learning:enrol", args=[course.pk]),
        action_label=_("Enrol in this course"),
    )


def progress_of(enrolment: Enrolment) -> services.CourseProgress | None:
    if enrolment.course is None:
        return None
    return services.progress_for_enrolment(enrolment, course_outline(enrolment.course))


def progress_summary(enrolment: Enrolment) -> str:
    progress = progress_of(enrolment)
    if progress is None:
        return _("Course deleted")
    return _("%(done)s of %(total)s lessons (%(percent)s%%)") % {
        "done": progress.completed,
        "total": progress.total,
        "percent": progress.percent,
    }


class EnrolmentInspectView(InspectView):
    template_name = "learning/admin/enrolment_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["progress"] = progress_of(self.object)
        return context


class LearnerProgressViewSet(ModelViewSet):
    """Every enrolment, searchable by the learner's name or e-mail."""

    model = Enrolment
    icon = "user"
    menu_label = _("Learner progress")
    menu_order = 300
    add_to_admin_menu = True
    url_prefix = "learner-progress"
    inspect_view_enabled = True
    inspect_view_class = EnrolmentInspectView
    inspect_view_fields = [
        "learner",
        "course",
        "enrolled_at",
        "left_at",
        "completed_at",
    ]
    list_display = [
        TitleColumn(
            "learner",
            label=_("Learner"),
            accessor="learner",
            url_name="learner_progress:inspect",
        ),
        Column("email", label=_("E-mail"), accessor="learner.email"),
        Column("course", label=_("Course"), accessor="course"),
        Column("progress", label=_("Progress"), accessor=progress_summary),
        "enrolled_at",
        "completed_at",
    ]
    list_filter = ["completed_at", "left_at"]
    search_backend_name = None  # plain database filtering on the learner's fields
    search_fields = [
        "learner__email",
        "learner__first_name",
        "learner__last_name",
        "learner__certificate_name",
    ]
    form_fields = ["left_at"]

    def get_queryset(self, request):
        return Enrolment.objects.select_related("learner", "course")


@hooks.register("register_admin_viewset")
def register_learner_progress() -> LearnerProgressViewSet:
    return LearnerProgressViewSet("learner_progress")
