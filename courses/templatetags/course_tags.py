"""Template helpers for the site chrome: the catalogue link, language links and
the editor bar."""

from django import template
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from wagtail.admin.templatetags.wagtailuserbar import wagtailuserbar

from courses import articles
from courses.authoring import uses_admin
from courses.blocks import FORCE_BADGES, ConventionArticleBlock
from courses.caching import cached
from courses.models import ConventionStatus, CourseIndexPage

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


@register.filter
def force_label(force: str) -> str:
    """The short label of an article paragraph's force, e.g. "Mandatory"."""
    return FORCE_BADGES.get(force, force)


@register.filter
def cite_articles(numbers_text: str) -> str:
    """ "Articles 25 and 42" for an editor's list "25, 42"."""
    return articles.cite(numbers_text)


@register.filter(is_safe=True)
def link_articles(text: str, index_url: str) -> SafeString:
    """`text` (escaped unless it is already safe HTML) with every Convention article
    it cites linked to its card in the course whose article index is at
    `index_url`."""
    html = conditional_escape(text)
    if not index_url:
        return html
    return mark_safe(articles.link_articles(html, index_url))  # noqa: S308


@register.simple_tag(takes_context=True)
def convention_status(context) -> "ConventionStatus | None":
    """The dated status of the Convention for the current site, if one is kept."""
    request = context.get("request")
    if request is None:
        return None
    status = ConventionStatus.for_request(request)
    return status if status.checked_on else None


@register.filter
def add_page(trail: list, page) -> list:
    """The breadcrumb trail with `page` added, for the pages a course serves below
    its own address (the article index, the cards, the glossary)."""
    return [*trail, page]


CARD_BLOCK = ConventionArticleBlock()


@register.simple_tag(takes_context=True)
def article_card(context, entry: articles.CardEntry, heading_level: int = 3) -> str:
    """An article card outside its lesson (the index, the card's own page), its
    title left to the page and its article citations linked."""
    index_url = context.get("articles_url", "")
    html = CARD_BLOCK.render(
        CARD_BLOCK.to_python(entry.value),
        context={
            "articles_url": index_url,
            "card_heading_level": heading_level,
            "card_title_hidden": True,
        },
    )
    return mark_safe(  # noqa: S308 - rendered by the block's template
        articles.link_articles(html, index_url)
    )
