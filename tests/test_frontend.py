"""The front end works on slow, costly links and in right-to-left languages."""

import gzip
import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.urls import reverse

from accounts.models import User
from courses.models import LessonPage
from courses.outline import course_for
from learning import services as learning

PROJECT = Path(__file__).resolve().parent.parent
CSS = PROJECT / "static" / "css" / "site.css"
PHYSICAL_CSS = re.compile(
    r"(margin|padding|border)-(left|right)\b|(?<![-\w])(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)|float\s*:\s*(left|right)"
)
EXTERNAL_RESOURCE = re.compile(
    r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)=\"(https?:)?//",
    re.I,
)
LINKED_ASSET = re.compile(
    r"<link\b[^>]*\brel=\"stylesheet\"[^>]*\bhref=\"([^\"]+)\""
    r"|<script\b[^>]*\bsrc=\"([^\"]+)\""
)


@pytest.fixture
def demo_lessons(demo) -> list[LessonPage]:
    return list(LessonPage.objects.live().order_by("path"))


def test_stylesheet_is_small_and_uses_only_logical_properties():
    css = CSS.read_text(encoding="utf-8")
    assert len(css.encode()) <= 30 * 1024
    assert not PHYSICAL_CSS.search(css), PHYSICAL_CSS.search(css)
    assert "url(" not in css and "@import" not in css and "@font-face" not in css


def test_every_demo_page_is_served(client, demo_lessons):
    pages = {lesson.get_parent() for lesson in demo_lessons}
    pages |= {page.get_parent() for page in list(pages)}
    for url in [
        "/",
        "/courses/",
        *(p.url for p in pages),
        *(p.url for p in demo_lessons),
    ]:
        assert client.get(url).status_code == HTTPStatus.OK, url


def test_heaviest_lesson_weighs_under_60_kb_transferred(client, demo_lessons):
    css = gzip.compress(CSS.read_bytes())
    heaviest = max(
        len(gzip.compress(client.get(lesson.url).content)) for lesson in demo_lessons
    )
    assert heaviest + len(css) <= 60 * 1024


def test_a_trainees_lesson_page_weighs_under_20_kb_gzipped(client, demo_lessons):
    """The heaviest lesson as an enrolled trainee sees it: its HTML and every
    stylesheet and script it links to, each gzipped as a server would send it."""
    trainee = User.objects.get(email="trainee@example.org")
    course = course_for(demo_lessons[0])
    learning.enrol(trainee, course)
    learning.complete_lesson(trainee, demo_lessons[0])
    client.force_login(trainee)
    pages = [client.get(lesson.url).content for lesson in demo_lessons]
    html = max(pages, key=lambda page: len(gzip.compress(page)))
    assert b"Log out" in html
    assets = [css or js for css, js in LINKED_ASSET.findall(html.decode())]
    assert "/static/css/site.css" in assets
    weight = len(gzip.compress(html))
    for url in assets:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, url
        weight += len(gzip.compress(b"".join(response.streaming_content)))
    assert weight <= 20 * 1024


def test_pages_load_nothing_from_other_hosts(client, demo_lessons):
    for url in ["/", "/courses/", demo_lessons[0].url]:
        html = client.get(url).content.decode()
        assert not EXTERNAL_RESOURCE.search(html), url
        assert "<script" not in html, url


def test_admin_loads_nothing_from_other_hosts(client, demo_lessons):
    client.force_login(User.objects.get(email="instructor@example.org"))
    for url in [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=[demo_lessons[0].pk]),
    ]:
        html = client.get(url).content.decode()
        assert not EXTERNAL_RESOURCE.search(html), url
        assert "gravatar" not in html.lower(), url


def test_pages_have_language_direction_skip_link_and_landmarks(client, demo_lessons):
    html = client.get(demo_lessons[0].url).content.decode()
    assert '<html lang="en" dir="ltr">' in html
    assert '<a class="skip-link" href="#main">' in html
    for landmark in ["<header", "<nav", '<main id="main"', "<footer"]:
        assert landmark in html


def test_arabic_interface_is_laid_out_right_to_left(client, demo_lessons):
    response = client.get("/ar" + demo_lessons[0].url)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert 'lang="en"' in html  # the lesson text itself is still the English source


def test_every_template_string_is_marked_for_translation():
    """Visible text in templates sits inside {% translate %} or {% blocktranslate %}.

    Style, script and <code> elements are left out: a column name that a CSV file must
    use, like `email`, is data and stays the same in every language.
    """
    untranslated = []
    templates = [
        *PROJECT.glob("templates/*.html"),
        *PROJECT.glob("*/templates/**/*.html"),
    ]
    assert len(templates) > 10
    for template in templates:
        text = template.read_text(encoding="utf-8")
        text = re.sub(
            r"{%\s*blocktranslate.*?endblocktranslate\s*%}", "", text, flags=re.S
        )
        text = re.sub(r"<(style|script|code)\b.*?</\1>", " ", text, flags=re.S)
        text = re.sub(r"{%.*?%}|{{.*?}}|<[^>]+>|&\w+;", " ", text, flags=re.S)
        words = [
            w
            for w in re.findall(r"[A-Za-z]{2,}", text)
            if w not in {"Convention", "Academy"}
        ]
        if words:
            untranslated.append(f"{template.relative_to(PROJECT)}: {' '.join(words)}")
    assert not untranslated, untranslated


def test_unknown_address_gets_a_helpful_not_found_page(client, demo_lessons):
    response = client.get("/courses/no-such-course/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    html = response.content.decode()
    assert "<h1>Page not found</h1>" in html
    assert 'href="/"' in html
