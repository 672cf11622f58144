"""Template helpers for the site chrome: the catalogue link, language links and
the editor bar."""

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from courses.authoring import uses_admin
from courses.caching import cached
from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag
def catalogue_page() -> CourseIndexPage | None:
    """The course catalogue in the active language, for the main navigation.

    Falls back to the source-language catalogue while no translation exists, and
    to None before any catalogue exists. The platform runs one site, so the first
    catalogue in the tree is the one to show. Kept in the cache until the pages
    change.
    """

    def find() -> CourseIndexPage | None:
        catalogues = CourseIndexPage.objects.live().order_by("path")
        return (
            catalogues.filter(locale__language_code=get_language()).first()
            or catalogues.first()
        )

    return cached("catalogue", get_language(), find)


@register.simple_tag(takes_context=True)
def editor_bar(context) -> str:
    """Wagtail's editor bar, for people who use the admin; trainees' pages skip
    Wagtail's permission queries (`courses.authoring.uses_admin`)."""
    request = context.get("request")
    if request is None or not uses_admin(request.user):
        return ""
    return wagtailuserbar(context)


@register.simple_tag(takes_context=True)
def language_url(context, language_code: str) -> str:
    """The current page's address in another interface language.

    Django's `translate_url`, without its first step: it resolves the address
    again for each of the six languages, while the request already knows which URL
    pattern it matched.
    """
    request = context["request"]
    match = request.resolver_match
    if match is None:  # an address that matched no pattern
        return translate_url(request.get_full_path(), language_code)
    with translation.override(language_code):
        try:
            path = reverse(match.view_name, args=match.args, kwargs=match.kwargs)
        except NoReverseMatch:
            return request.get_full_path()
    query = request.META.get("QUERY_STRING")
    return f"{path}?{iri_to_uri(query)}" if query else path


@register.filter
def quiz_of(outline, parent):
    """The published quiz under a module (or a course's final assessment)."""
    return outline.quiz_of(parent)
