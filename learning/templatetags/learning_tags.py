"""Template helpers that show the signed-in trainee's progress on course pages."""

from django import template

from courses.outline import CourseOutline
from learning import services

register = template.Library()


@register.simple_tag(takes_context=True)
def learner_progress(context, outline: CourseOutline) -> services.CourseProgress | None:
    """The current user's progress in the outlined course; None if not enrolled.

    Computed once per request and course, however many parts of the page ask.
    """
    request = context["request"]
    cache = request.__dict__.setdefault("_learner_progress", {})
    key = outline.course.pk
    if key not in cache:
        cache[key] = services.course_progress(request.user, outline.course, outline)
    return cache[key]


@register.filter
def module_progress(progress: services.CourseProgress | None, module):
    """The progress in one module, from a course's progress (None if not enrolled)."""
    return progress.module(module) if progress else None
