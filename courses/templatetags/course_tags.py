"""Template helpers for the site chrome: the catalogue link and language links."""

from django import template
from django.urls import translate_url
from django.utils.translation import get_language

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag
def catalogue_page() -> CourseIndexPage | None:
    """The course catalogue in the active language, for the main navigation.

    Falls back to the source-language catalogue while no translation exists, and
    to None before any catalogue exists. The platform runs one site, so the first
    catalogue in the tree is the one to show.
    """
    catalogues = CourseIndexPage.objects.live().order_by("path")
    return (
        catalogues.filter(locale__language_code=get_language()).first()
        or catalogues.first()
    )


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page's address in another interface language."""
    request = context["request"]
    return translate_url(request.get_full_path(), language_code)


@register.filter
def quiz_of(outline, parent):
    """The published quiz under a module (or a course's final assessment)."""
    return outline.quiz_of(parent)
