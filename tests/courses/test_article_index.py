"""Every article has a card a trainee can reach by number, every citation of an
article in a lesson links to it, the glossary explains the course's terms, and the
Convention's status is only ever shown with its date."""

import datetime
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import Site

from courses.articles import cite, link_articles
from courses.authoring import instructors_group
from courses.models import ConventionStatus, GlossaryTerm, LessonPage, ModulePage
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import LessonPageFactory


def first_lesson() -> LessonPage:
    return LessonPage.objects.order_by("path").first()


def test_the_index_lists_all_68_articles_by_chapter_with_their_cards(client, course):
    html = client.get(course.url + "articles/").content.decode()
    assert html.count('class="article-entry"') == 68
    assert "Chapter IX. Final provisions" in html
    assert "Article 25 · Expedited preservation of stored electronic data" in html
    # The course teaches Articles 1 and 7: their cards and lessons are there.
    assert html.count("Paraphrase of the provision for the test.") == 2
    assert "This course has no card for this article yet." in html


def test_the_index_can_be_searched_by_number_or_words(client, course):
    by_number = client.get(course.url + "articles/", {"q": "28"}).content.decode()
    assert by_number.count('class="article-entry"') == 1
    assert "Search and seizure of stored electronic data" in by_number
    by_words = client.get(
        course.url + "articles/", {"q": "preservation"}
    ).content.decode()
    assert "3 articles match “preservation”." in by_words
    nothing = client.get(course.url + "articles/", {"q": "zzz" * 200})
    assert nothing.status_code == HTTPStatus.OK
    assert "No article matches your search." in nothing.content.decode()


def test_a_card_has_its_own_address_and_leads_to_its_lesson(client, course):
    response = client.get(course.url + "articles/1/")
    html = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "<h1>Article 1. Statement of purpose</h1>" in html
    assert "Mandatory</span>" in html and "Up to 90 days" in html
    assert f'href="{first_lesson().url}#article-1"' in html
    assert f'href="{course.url}articles/2/"' in html  # next article
    empty = client.get(course.url + "articles/68/").content.decode()
    assert "This course has no card for this article yet." in empty
    assert client.get(course.url + "articles/69/").status_code == 404
    assert client.get(course.url + "articles/abc/").status_code == 404


def test_article_citations_in_a_lesson_link_to_their_cards(client, course):
    html = client.get(first_lesson().url).content.decode()
    assert (
        f'<a class="article-link" href="{course.url}articles/24/">Article 24</a>'
        in (html)
    )
    assert f'<a class="badge" href="{course.url}articles/1/">Article 1</a>' in html
    assert f'href="{course.url}articles/">Article index</a>' in html
    assert f'href="{course.url}glossary/">Glossary</a>' in html


def test_only_this_conventions_articles_are_linked():
    html = (
        "<p>Under Article 28(2) and Articles 41–44, not article 29 of the Budapest "
        'Convention, nor Article 99, nor <a href="/x/">Article 5</a>.</p>'
    )
    linked = link_articles(html, "/c/articles/")
    assert '<a class="article-link" href="/c/articles/28/">Article 28(2)</a>' in linked
    assert '<a class="article-link" href="/c/articles/41/">Articles 41</a>–' in linked
    assert 'href="/c/articles/44/">44</a>' in linked
    assert "article 29 of the Budapest" in linked and "/29/" not in linked
    assert "Article 99" in linked and "/99/" not in linked
    assert '<a href="/x/">Article 5</a>' in linked and "/5/" not in linked
    with translation.override("en"):
        assert cite("25, 42") == "Articles 25 and 42"
        assert cite("41-44") == "Articles 41–44"
        assert cite("25(2)") == "Article 25(2)"


def test_the_index_costs_the_same_queries_whatever_the_number_of_lessons(
    client, course
):
    def queries_for_index() -> int:
        client.get(course.url + "articles/")  # cards are kept until pages change
        with CaptureQueriesContext(connection) as queries:
            client.get(course.url + "articles/")
        return len(queries)

    before = queries_for_index()
    module = ModulePage.objects.child_of(course).last()
    for article in [8, 9, 10]:
        LessonPageFactory(parent=module, article=article)
    assert queries_for_index() == before <= 10


def test_the_glossary_explains_terms_and_links_their_articles(client, course):
    GlossaryTerm.objects.create(
        term="Mutual legal assistance",
        abbreviation="MLA",
        definition="Help one State gives another with evidence (Article 40).",
        articles="40",
    )
    html = client.get(course.url + "glossary/").content.decode()
    assert '<dt id="term-mla">Mutual legal assistance <abbr>(MLA)</abbr></dt>' in html
    assert f'href="{course.url}articles/40/">Article 40</a>' in html


def test_a_glossary_term_must_cite_real_articles(db):
    term = GlossaryTerm(term="Preservation", definition="Keep data.", articles="125")
    with pytest.raises(Exception, match="no article 125"):
        term.full_clean()


def test_the_status_box_shows_only_with_its_date(client, course):
    assert (
        "The Convention’s status as of" not in client.get(course.url).content.decode()
    )
    status = ConventionStatus.for_site(Site.objects.get(is_default_site=True))
    status.checked_on = datetime.date(2026, 12, 1)
    status.status = "<p>72 States signed at the Hanoi ceremony.</p>"
    status.save()
    for url in [course.url, course.get_parent().get_parent().url]:
        html = client.get(url).content.decode()
        assert "The Convention’s status as of 1 December 2026" in html
        assert "72 States signed at the Hanoi ceremony." in html
        assert "treaties.un.org" in html


def test_a_new_status_shows_at_once_in_the_lessons_that_show_the_box(client, course):
    lesson = first_lesson()
    lesson.body.append(("convention_status", None))
    lesson.save_revision().publish()
    status = ConventionStatus.for_site(Site.objects.get(is_default_site=True))
    status.checked_on = datetime.date(2026, 12, 1)
    status.status = "<p>First count.</p>"
    status.save()
    assert "First count." in client.get(lesson.url).content.decode()
    status.status = "<p>Second count.</p>"
    status.save()
    assert "Second count." in client.get(lesson.url).content.decode()


def test_instructors_keep_the_glossary_and_the_status_box(client, course):
    instructor = TraineeFactory(email="ines@example.org")
    instructor.groups.add(instructors_group())
    client.force_login(instructor)
    site = Site.objects.get(is_default_site=True)
    glossary = client.get(reverse("wagtailsnippets_courses_glossaryterm:add"))
    status = client.get(
        reverse("wagtailsettings:edit", args=["courses", "conventionstatus", site.pk])
    )
    assert glossary.status_code == status.status_code == HTTPStatus.OK


def test_instructors_find_a_glossary_term_in_the_admin(admin_client, db):
    GlossaryTerm.objects.create(
        term="Mutual legal assistance", abbreviation="MLA", definition="Help."
    )
    GlossaryTerm.objects.create(term="Traffic data", definition="Data.")
    found = admin_client.get(
        reverse("wagtailsnippets_courses_glossaryterm:list"), {"q": "mutual"}
    ).content.decode()
    assert "Mutual legal assistance" in found and "Traffic data" not in found
