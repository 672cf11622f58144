"""Staff view of learners in the Wagtail admin: find a trainee, see their progress;
and the condition `learning` sets on taking quizzes: enrolment in the course."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views.generic import InspectView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from certificates.services import current_certificate
from core.permissions import ViewOnlyPolicy
from courses.outline import cached_course_outline, course_for, course_outline
from learning import services
from learning.models import Enrolment
from quizzes.eligibility import ELIGIBILITY_HOOK, Ineligible
from quizzes.next_steps import NEXT_STEPS_HOOK, NextStep

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


@hooks.register(ELIGIBILITY_HOOK)
def modules_first(user, quiz) -> Ineligible | None:
    """A final assessment that asks for it opens once every module is complete;
    until then the trainee sees which modules remain and what each still needs."""
    if not getattr(quiz, "requires_all_modules", False):
        return None
    course = course_for(quiz)
    progress = services.course_progress(user, course, cached_course_outline(course))
    if progress is None:
        return None  # not enrolled: `enrolment_required` says so
    remaining = [module for module in progress.modules if not module.is_complete]
    if not remaining:
        return None
    return Ineligible(
        _(
            "This assessment opens when every module of the course is complete. "
            "Still to do:"
        ),
        remaining=tuple(module_still_to_do(module) for module in remaining),
    )


def module_still_to_do(module: services.ModuleProgress) -> str:
    """E.g. "II. Criminalization: 3 of 5 lessons done; module quiz not passed"."""
    parts = [
        _("%(done)s of %(total)s lessons done")
        % {"done": module.completed, "total": module.total}
    ]
    if module.quiz is not None and not module.quiz_passed:
        parts.append(_("module quiz not passed"))
    return _("%(chapter)s. %(title)s: %(state)s") % {
        "chapter": module.module.chapter.roman,
        "title": module.module.title,
        "state": "; ".join(str(part) for part in parts),
    }


@hooks.register(NEXT_STEPS_HOOK)
def where_next(user, attempt) -> list[NextStep]:
    """After a pass: the certificate, the next module to complete or the final
    assessment. After a fail: back to the module's lessons."""
    quiz = attempt.quiz
    course = course_for(quiz)
    outline = cached_course_outline(course)
    progress = services.course_progress(user, course, outline)
    if progress is None:
        return []
    module = next(
        (m for m in progress.modules if quiz.path.startswith(m.module.path)), None
    )
    if not attempt.passed:
        if module is None:
            return []
        return [NextStep(_("Review the lessons of this module"), module.module.url)]
    steps = []
    certificate = current_certificate(user, course)
    if certificate is not None:
        steps.append(
            NextStep(
                _("Download your certificate (PDF)"),
                reverse("certificates:download", args=[certificate.code]),
                primary=True,
            )
        )
    unfinished = [m for m in progress.modules if not m.is_complete]
    final = outline.quiz_of(outline.course)
    if unfinished:
        next_module = unfinished[0]
        target = next_module.next_lesson or next_module.quiz or next_module.module
        steps.append(
            NextStep(
                _("Continue with the module “%(title)s”")
                % {"title": next_module.module.title},
                target.url,
                primary=not steps,
            )
        )
    elif final is not None and final.translation_key not in progress.passed_quiz_keys:
        steps.append(NextStep(_("Take the final assessment"), final.url, primary=True))
    steps.append(
        NextStep(_("See your progress on My learning"), reverse("learning:dashboard"))
    )
    return steps


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
