"""Small endpoints that call the learning services, and the trainee's dashboard."""

from collections.abc import Callable
from http import HTTPStatus

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail import hooks

from accounts.models import User
from courses.models import CoursePage, LessonPage
from courses.outline import course_for, lesson_navigation
from learning import services
from quizzes.results import category_progress

# Apps above `learning` add panels to the top of My learning through this Wagtail
# hook: a function of the request that returns safe HTML, or "" to add nothing.
# `partners` links a manager to their organisations' dashboards.
MY_LEARNING_PANELS_HOOK = "my_learning_panels"


def published(page_class, page_id: int):
    """The live, public page of this type, or a 404 the trainee can understand."""
    page = page_class.objects.live().public().filter(pk=page_id).first()
    if page is None:
        raise Http404(_("This page is not published."))
    return page


def change_enrolment(
    request: HttpRequest,
    course_id: int,
    change: Callable[[User, CoursePage], object],
    message: str,
) -> HttpResponse:
    """Apply `change` (enrol or leave) to the course and say what happened."""
    course = published(CoursePage, course_id)
    if not request.user.is_authenticated:
        return redirect_to_login(course.url)
    change(request.user, course)
    messages.success(request, message)
    return redirect(course.url)


@require_POST
def enrol(request: HttpRequest, course_id: int) -> HttpResponse:
    return change_enrolment(
        request,
        course_id,
        services.enrol,
        _("You are enrolled. Start with the first lesson when you are ready."),
    )


@require_POST
def leave(request: HttpRequest, course_id: int) -> HttpResponse:
    return change_enrolment(
        request,
        course_id,
        services.leave,
        _(
            "You have left the course. Your completed lessons are kept "
            "if you enrol again."
        ),
    )


@login_required
def retake(request: HttpRequest, course_id: int) -> HttpResponse:
    """Ask, then start the course again to renew an expired certificate."""
    course = published(CoursePage, course_id)
    refusal = services.retake_refusal(request.user, course)
    if refusal:
        return render(
            request,
            "learning/retake.html",
            {"course": course, "refusal": refusal},
            status=HTTPStatus.CONFLICT,
        )
    if request.method == "POST":
        services.retake_course(request.user, course)
        messages.success(
            request,
            _(
                "You are retaking the course. Complete it again to receive a "
                "renewed certificate."
            ),
        )
        return redirect(course.url)
    return render(request, "learning/retake.html", {"course": course})


@require_POST
def complete_lesson(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = published(LessonPage, lesson_id)
    if not request.user.is_authenticated:
        return redirect_to_login(lesson.url)
    try:
        services.complete_lesson(request.user, lesson)
    except services.NotEnrolled as refusal:
        course = course_for(lesson)
        return render(
            request,
            "learning/not_enrolled.html",
            {"course": course, "lesson": lesson, "message": refusal.message},
            status=HTTPStatus.FORBIDDEN,
        )
    messages.success(
        request, _("Lesson completed: “%(title)s”.") % {"title": lesson.title}
    )
    after = lesson_navigation(lesson)["next_lesson"]
    return redirect(after.url if after else course_for(lesson).url)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """My learning: courses in progress with a way to continue, and completed ones."""
    progress = services.dashboard_progress(request.user)
    return render(
        request,
        "learning/dashboard.html",
        {
            "in_progress": [p for p in progress if p.completed_at is None],
            "completed": [p for p in progress if p.completed_at is not None],
            "by_topic": category_progress(request.user),
            "certificates": services.dashboard_certificates(request.user),
            "panels": [
                panel
                for panel in (
                    add_panel(request)
                    for add_panel in hooks.get_hooks(MY_LEARNING_PANELS_HOOK)
                )
                if panel
            ],
        },
    )
