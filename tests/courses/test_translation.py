"""Courses translate with Wagtail locales; each language is served under its prefix."""

import re
from html import escape as html_escape
from http import HTTPStatus

import pytest
from django.urls import translate_url
from wagtail.models import Locale

from courses.models import LessonPage


def test_every_un_language_has_a_content_locale(db):
    codes = set(Locale.objects.values_list("language_code", flat=True))
    assert codes == {"ar", "zh-hans", "en", "fr", "ru", "es"}


def test_a_translated_lesson_is_served_in_its_language(client, course):
    lesson = LessonPage.objects.order_by("path").first()
    french = lesson.copy_for_translation(
        Locale.objects.get(language_code="fr"), copy_parents=True
    )
    french.title = "Les trois objectifs de la Convention"
    french.save_revision().publish()  # its untranslated parents become aliases

    response = client.get("/fr" + lesson.url)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert '<article class="lesson" lang="fr" dir="ltr">' in html
    assert "<h1>Les trois objectifs de la Convention</h1>" in html
    assert f"<h1>{lesson.title}</h1>" in client.get(lesson.url).content.decode()


LANGUAGE_LINK = re.compile(r'<li><a href="([^"]*)" lang="([^"]+)"')


@pytest.mark.parametrize(
    "address",
    ["{lesson}", "/fr{lesson}?tab=notes&q=caf%C3%A9", "/ar/courses/", "/no-such-page/"],
)
def test_language_links_lead_to_the_same_address_in_each_language(
    client, course, address
):
    lesson = LessonPage.objects.order_by("path").first()
    address = address.format(lesson=lesson.url)

    html = client.get(address).content.decode()

    links = {code: url for url, code in LANGUAGE_LINK.findall(html)}
    assert set(links) == {"ar", "zh-hans", "en", "fr", "ru", "es"}
    for code, url in links.items():
        assert url == html_escape(translate_url(address, code)), code
