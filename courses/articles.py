"""The Convention's articles as a course teaches them: article cards, the article
index, and links from every article number in a text to its card.

A card is a lesson's `convention_article` block; each article has one card in a
course, in the lesson that teaches it (the demo tests hold every article to exactly
one). The course page serves the index and the cards at `articles/` and
`articles/<number>/` (`CoursePage` routes), read from `article_cards`.
"""

import re
from dataclasses import dataclass

from django.utils.text import get_text_list
from django.utils.translation import gettext as _
from wagtail.models import Page

from courses import convention
from courses.caching import cached
from courses.outline import cached_course_outline, page_type

ARTICLES_PATH = "articles/"
GLOSSARY_PATH = "glossary/"

# "Article 25", "Article 27(a)", "Articles 41–44", "Articles 22 and 37",
# "Articles 7, 8 and 9". A capital "A": other treaties' articles are written
# "article 29 of the Budapest Convention" and stay unlinked.
_NUMBER = r"\d{1,2}(?:\([a-z0-9]{1,4}\))*"
_CITATION = re.compile(
    rf"\b(Articles?)(\s+)({_NUMBER}(?:(?:,\s*|\s+(?:and|or|to)\s+|\s*[–-]\s*){_NUMBER})*)"
)
_NUMBER_IN_LIST = re.compile(r"(\d{1,2})((?:\([a-z0-9]{1,4}\))*)")
_TAG = re.compile(r"(<[^>]*>)")


def articles_url(course: Page) -> str:
    """The address of the course's article index; a card is at `<number>/` below."""
    return course.url + ARTICLES_PATH


def reference_urls(course: Page) -> dict[str, str]:
    """The course's article index and glossary, for a page's template context (the
    course's address is looked up once)."""
    base = course.url
    return {"articles_url": base + ARTICLES_PATH, "glossary_url": base + GLOSSARY_PATH}


def cite(numbers_text: str) -> str:
    """ "Article 25" or "Articles 25 and 42" for an editor's article list; the text
    as it is, after "Articles", if it is not a plain list (e.g. "25(2), 42")."""
    try:
        numbers = convention.parse_article_list(numbers_text)
    except ValueError:
        if _NUMBER_IN_LIST.fullmatch(numbers_text.strip()):
            return _("Article %(number)s") % {"number": numbers_text.strip()}
        return _("Articles %(list)s") % {"list": numbers_text}
    if len(numbers) == 1:
        return _("Article %(number)s") % {"number": numbers[0]}
    parts = convention.format_article_list(numbers).replace("-", "–").split(", ")
    return _("Articles %(list)s") % {"list": get_text_list(parts, _("and"))}


def link_articles(html: str, index_url: str) -> str:
    """`html` with every citation of a Convention article linked to its card.

    Only text outside links is touched; numbers that are not articles of the
    Convention (e.g. "Article 99") stay plain text.
    """
    known = convention.articles()
    depth = 0
    pieces = []
    for piece in _TAG.split(html):
        if piece.startswith("<"):
            tag = piece[1:3].lower()
            if tag in ("a ", "a>"):
                depth += 1
            elif piece[:4].lower() == "</a>":
                depth = max(0, depth - 1)
            pieces.append(piece)
            continue
        if depth:
            pieces.append(piece)
            continue

        def link(match: re.Match) -> str:
            word, space, numbers = match.groups()
            first = True

            def link_number(number_match: re.Match) -> str:
                nonlocal first
                number, paragraph = number_match.groups()
                label = number + paragraph
                if first:
                    label = word + space + label
                    first = False
                if int(number) not in known:
                    return label
                return (
                    f'<a class="article-link" href="{index_url}{number}/">{label}</a>'
                )

            linked = _NUMBER_IN_LIST.sub(link_number, numbers)
            return linked if not first else word + space + numbers

        pieces.append(_CITATION.sub(link, piece))
    return "".join(pieces)


@dataclass(frozen=True)
class CardEntry:
    """Where a course teaches an article: the card's data and its lesson."""

    number: int
    value: dict
    lesson_title: str
    lesson_url: str


def article_cards(course: Page) -> dict[int, CardEntry]:
    """The course's article cards by article number, from its published lessons.

    Two queries (the outline is cached), then kept until the pages change.
    """

    def build() -> dict[int, CardEntry]:
        lessons = cached_course_outline(course).lessons
        bodies = dict(
            page_type("LessonPage")
            .objects.filter(pk__in=[lesson.pk for lesson in lessons])
            .values_list("pk", "body")
        )
        cards: dict[int, CardEntry] = {}
        for lesson in lessons:
            body = bodies.get(lesson.pk)
            for block in body.raw_data if body is not None else []:
                if block.get("type") != "convention_article":
                    continue
                number = block["value"].get("article")
                if number in convention.articles() and number not in cards:
                    cards[number] = CardEntry(
                        number, block["value"], lesson.title, lesson.url
                    )
        return cards

    return cached("article-cards", course.path, build)


def matches(entry: "CardEntry | None", article: convention.Article, query: str) -> bool:
    """Whether an article (and its card, if any) matches a search of the index."""
    query = query.strip().casefold()
    if not query:
        return True
    if query.isdigit():
        return int(query) == article.number
    words = [article.title]
    if entry is not None:
        value = entry.value
        words.append(str(value.get("provision", "")))
        words += [str(number) for number in value.get("numbers", [])]
        words += [str(o.get("text", "")) for o in value.get("obligations", [])]
    text = " ".join(words).casefold()
    return all(word in text for word in query.split())
