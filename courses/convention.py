"""The Convention's structure, read from the reference file shipped with the app.

`courses/data/hanoi_convention.json` is the single source for chapter numbers, titles
and the articles each chapter holds. Page validation, the demo course and the tests
all read it through this module, so no count or title is written anywhere else.
"""

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.translation import gettext as _

from core.errors import Refusal

REFERENCE_FILE = Path(__file__).resolve().parent / "data" / "hanoi_convention.json"


@dataclass(frozen=True)
class Article:
    """One article of the Convention: its number, title and chapter."""

    number: int
    title: str
    chapter_number: int


@dataclass(frozen=True)
class Chapter:
    """One chapter: its number, Roman numeral, title, summary and articles."""

    number: int
    roman: str
    title: str
    summary: str
    articles: tuple[Article, ...]

    @property
    def article_numbers(self) -> list[int]:
        return [article.number for article in self.articles]


@cache
def chapters() -> tuple[Chapter, ...]:
    """Every chapter of the Convention, in order."""
    data = json.loads(REFERENCE_FILE.read_text(encoding="utf-8"))
    return tuple(
        Chapter(
            number=chapter["number"],
            roman=chapter["roman"],
            title=chapter["title"],
            summary=chapter["summary"],
            articles=tuple(
                Article(article["number"], article["title"], chapter["number"])
                for article in chapter["articles"]
            ),
        )
        for chapter in data["chapters"]
    )


def chapter(number: int) -> Chapter:
    """The chapter with this number; KeyError if the Convention has none."""
    for candidate in chapters():
        if candidate.number == number:
            return candidate
    raise KeyError(number)


@cache
def articles() -> dict[int, Article]:
    """Every article of the Convention by number."""
    return {article.number: article for ch in chapters() for article in ch.articles}


def article(number: int) -> Article:
    """The article with this number; KeyError if the Convention has none."""
    return articles()[number]


# No treaty has this many articles; the Convention has 68 (the reference file).
MAX_ARTICLE_NUMBER = 999


def parse_article_list(text: str) -> list[int]:
    """Article numbers from an editor's list such as "25-27, 30".

    Raises ValueError, carrying the malformed part, if the list cannot be read.

    Ranges are inclusive; duplicates are dropped and the result is sorted. A number
    above `MAX_ARTICLE_NUMBER` is refused like a malformed part, before any range is
    expanded: "1-999999999" would otherwise fill the memory of the process.
    """
    numbers: set[int] = set()
    for part in text.replace(";", ",").split(","):
        part = part.strip().replace("\u2013", "-")
        if not part:
            continue
        start, _, end = part.partition("-")
        if not start.strip().isdigit() or (end and not end.strip().isdigit()):
            raise ValueError(part)
        first, last = int(start), int(end or start)
        if last < first or last > MAX_ARTICLE_NUMBER:
            raise ValueError(part)
        numbers.update(range(first, last + 1))
    return sorted(numbers)


def format_article_list(numbers: list[int]) -> str:
    """The shortest readable form of a list of article numbers, e.g. "7-11, 17"."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    return ", ".join(
        str(start) if start == end else f"{start}-{end}" for start, end in runs
    )


class ArticleListError(Refusal):
    """An editor's article list that cannot be used; `message` says how to fix it."""


def checked_article_list(text: str) -> str:
    """`text` as the shortest article list, once every article in it is known.

    Module pages and bank questions both cite articles this way; raises
    ArticleListError for a malformed part, an unknown article or an empty list.
    """
    try:
        numbers = parse_article_list(text)
    except ValueError as error:
        raise ArticleListError(
            _("“%(part)s” is not an article number or a range such as 23-34.")
            % {"part": error.args[0]}
        ) from error
    unknown = [number for number in numbers if number not in articles()]
    if unknown:
        raise ArticleListError(
            _("The Convention has no article %(numbers)s.")
            % {"numbers": format_article_list(unknown)}
        )
    if not numbers:
        raise ArticleListError(_("List at least one article."))
    return format_article_list(numbers)
