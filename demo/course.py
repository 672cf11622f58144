"""The demo course: "The UN Convention against Cybercrime: a practitioner's course".

`seed_demo_site()` builds the home page, the catalogue and the course with one module
per Convention chapter. Chapter numbers, titles and articles come from the Convention
reference data; the lessons come from `demo/data/course/`. Pages that already
exist are left untouched, so running it again never overwrites an instructor's edits.
"""

import io
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TypeVar

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils.html import escape
from django.utils.text import slugify
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Page, Site

from courses import convention
from courses.models import (
    ConventionStatus,
    CourseIndexPage,
    CoursePage,
    GlossaryTerm,
    HomePage,
    LessonPage,
    ModulePage,
)

P = TypeVar("P", bound=Page)

CONTENT_DIR = Path(__file__).resolve().parent / "data" / "course"


@dataclass
class SeedReport:
    """What a run of the seed created; empty lists mean everything already existed."""

    created_pages: list[str] = field(default_factory=list)


def load_course_content() -> dict:
    """The home, catalogue and course texts of the demo."""
    return json.loads((CONTENT_DIR / "course.json").read_text(encoding="utf-8"))


def load_chapter_content(chapter_number: int) -> dict:
    """The lessons, introduction and objectives written for one chapter's module."""
    path = CONTENT_DIR / f"chapter_{chapter_number:02d}.json"
    content = json.loads(path.read_text(encoding="utf-8"))
    if content["chapter"] != chapter_number:
        raise ValueError(f"{path.name} describes chapter {content['chapter']}")
    return content


def html_list(items: list[str]) -> str:
    """A rich-text bulleted list of plain-text items."""
    return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>"


@transaction.atomic
def seed_demo_site() -> SeedReport:
    """Create whatever part of the demo site does not exist yet, and publish it."""
    report = SeedReport()
    content = load_course_content()
    home = ensure_home_page(content["home"], report)
    catalogue = ensure_child(
        home,
        CourseIndexPage,
        content["catalogue"]["slug"],
        lambda: CourseIndexPage(
            title=content["catalogue"]["title"],
            introduction=content["catalogue"]["introduction"],
        ),
        report,
    )
    course_text = content["course"]
    chapters = [
        (chapter, load_chapter_content(chapter.number))
        for chapter in convention.chapters()
    ]
    total_minutes = sum(
        lesson["estimated_minutes"]
        for _chapter, chapter_content in chapters
        for lesson in chapter_content["lessons"]
    )
    course = ensure_child(
        catalogue,
        CoursePage,
        course_text["slug"],
        lambda: CoursePage(
            title=course_text["title"],
            summary=course_text["summary"],
            audience=course_text["audience"],
            learning_outcomes=course_text["learning_outcomes"],
            prerequisites=course_text["prerequisites"],
            level=course_text["level"],
            estimated_hours=math.ceil(total_minutes / 60),
            cover_image=make_cover_image(),
        ),
        report,
    )
    for chapter, chapter_content in chapters:
        ensure_module(course, chapter, chapter_content, report)
    ensure_glossary()
    ensure_convention_status(content["status"])
    return report


def ensure_glossary() -> None:
    """The glossary's terms, if it has none yet."""
    if GlossaryTerm.objects.exists():
        return
    data = json.loads((CONTENT_DIR.parent / "glossary.json").read_text("utf-8"))
    terms = [GlossaryTerm(**term) for term in data["terms"]]
    for term in terms:
        term.full_clean()
    GlossaryTerm.objects.bulk_create(terms)


def ensure_convention_status(status_text: dict) -> None:
    """The dated status box of the default site, unless someone has filled it in."""
    status = ConventionStatus.for_site(Site.objects.get(is_default_site=True))
    if status.checked_on:
        return
    status.checked_on = date.fromisoformat(status_text["checked_on"])
    status.status = status_text["status"]
    status.save()


def ensure_home_page(home_text: dict, report: SeedReport) -> HomePage:
    """The site's HomePage, replacing Wagtail's empty welcome page on a new install."""
    home = HomePage.objects.order_by("path").first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    welcome = root.get_children().filter(slug="home", depth=2).first()
    if welcome is not None and welcome.specific_class is Page and not welcome.numchild:
        welcome.delete()
        root.refresh_from_db()
    home = HomePage(
        title=home_text["title"],
        slug="home",
        headline=home_text["headline"],
        introduction=home_text["introduction"],
    )
    publish_new_child(root, home, report)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            root_page=home,
            is_default_site=True,
            site_name="Convention Academy",
        )
    else:
        site.root_page = home
        site.site_name = site.site_name or "Convention Academy"
        site.save()
    return home


def ensure_child(
    parent: Page,
    page_class: type[P],
    slug: str,
    build: Callable[[], P],
    report: SeedReport,
) -> P:
    """The child of `parent` with this slug, built and published if it is missing."""
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = build()
    page.slug = slug
    publish_new_child(parent, page, report)
    return page


def ensure_module(
    course: CoursePage,
    chapter: convention.Chapter,
    content: dict,
    report: SeedReport,
) -> ModulePage:
    """The module teaching `chapter`, with its lessons; missing parts are created."""
    lessons = content["lessons"]
    module = ModulePage.objects.child_of(course).filter(
        chapter_number=chapter.number
    ).first() or ensure_child(
        course,
        ModulePage,
        slugify(f"chapter {chapter.number} {chapter.title}"),
        lambda: ModulePage(
            title=chapter.title,
            chapter_number=chapter.number,
            articles_covered=convention.format_article_list(chapter.article_numbers),
            introduction=content["introduction"],
            learning_objectives=html_list(content["learning_objectives"]),
            estimated_minutes=sum(lesson["estimated_minutes"] for lesson in lessons),
        ),
        report,
    )
    for lesson in lessons:
        ensure_child(
            module,
            LessonPage,
            short_slug(lesson["title"]),
            lambda lesson=lesson: LessonPage(
                title=lesson["title"],
                summary=lesson["summary"],
                estimated_minutes=lesson["estimated_minutes"],
                body=lesson["body"],
            ),
            report,
        )
    return module


def short_slug(title: str, max_length: int = 60) -> str:
    """A slug for `title`, cut at a word boundary so that addresses stay readable."""
    slug = slugify(title)
    if len(slug) <= max_length:
        return slug
    return slug[: max_length + 1].rsplit("-", 1)[0]


def publish_new_child(parent: Page, page: Page, report: SeedReport) -> None:
    """Validate `page`, add it under `parent` and publish its first revision."""
    page.full_clean(exclude=["path", "depth", "url_path"])
    parent.add_child(instance=page)
    page.save_revision().publish()
    report.created_pages.append(page.url_path)


def make_cover_image() -> Image:
    """A small generated cover picture (a network of linked nodes) for the demo course.

    Drawn here so that the repository holds no binary media and the demo needs no
    download.
    """
    width, height = 1440, 480
    picture = PILImage.new("RGB", (width, height), (11, 79, 138))
    draw = ImageDraw.Draw(picture)
    nodes = [
        (int(width * ((i * 0.6180339) % 1)), int(height * ((i * 0.7548776) % 1)))
        for i in range(1, 40)
    ]
    for index, (x, y) in enumerate(nodes):
        for other_x, other_y in nodes[index + 1 : index + 4]:
            draw.line((x, y, other_x, other_y), fill=(64, 128, 185), width=3)
    for x, y in nodes:
        draw.ellipse((x - 9, y - 9, x + 9, y + 9), fill=(232, 241, 250))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return Image.objects.create(
        title="Course cover: a network of connected nodes",
        file=ImageFile(buffer, name="convention-course-cover.png"),
    )
