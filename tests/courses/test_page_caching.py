"""Cached navigation and routing never show a trainee a stale or forbidden page.

Course pages keep their outline, breadcrumbs and routes in the cache
(`courses.caching`); every test first views a page so that the cache is warm, then
changes the tree as an instructor would, then views again.
"""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from accounts.models import User
from courses import caching
from courses.authoring import instructors_group
from courses.models import LessonPage
from learning import services
from tests.factories.courses import LessonPageFactory


def lessons() -> list[LessonPage]:
    return list(LessonPage.objects.filter(locale__language_code="en").order_by("path"))


def module_toc(html: str) -> str:
    return html.split('id="module-toc-heading"')[1]


@pytest.fixture
def trainee_client(client, trainee, course):
    services.enrol(trainee, course)
    client.force_login(trainee)
    return client


def test_a_newly_published_lesson_shows_on_the_next_view(client, course):
    first, second, *_ = lessons()
    assert "Lesson 2 of 2" in client.get(second.url).content.decode()

    added = LessonPageFactory(
        parent=first.get_parent().specific, title="Chain of custody"
    )

    html = client.get(second.url).content.decode()
    assert "Lesson 2 of 3" in html
    assert f'<a href="{added.url}">Chain of custody</a>' in module_toc(html)
    assert f'rel="next" href="{added.url}"' in html
    assert client.get(added.url).status_code == HTTPStatus.OK


def test_an_unpublished_lesson_is_hidden_and_refused_on_the_next_view(client, course):
    first, second, third, _ = lessons()
    assert client.get(second.url).status_code == HTTPStatus.OK
    assert second.title in client.get(first.url).content.decode()

    second.unpublish()

    html = client.get(first.url).content.decode()
    assert second.title not in html
    assert f'rel="next" href="{third.url}"' in html
    assert client.get(second.url).status_code == HTTPStatus.NOT_FOUND


def test_a_retitled_lesson_shows_its_new_title_everywhere(client, course):
    first, second, *_ = lessons()
    client.get(first.url)

    second.title = "Preserving volatile data"
    second.save_revision().publish()

    html = client.get(first.url).content.decode()
    assert f'<a href="{second.url}">Preserving volatile data</a>' in module_toc(html)
    assert "Preserving volatile data</a>" in html.split('rel="next"')[1]


def test_a_republished_lesson_shows_its_new_body(client, course):
    lesson = lessons()[0]
    assert "Seize the device first." not in client.get(lesson.url).content.decode()

    lesson.body.append(("rich_text", "<p>Seize the device first.</p>"))
    lesson.save_revision().publish()

    assert "Seize the device first." in client.get(lesson.url).content.decode()


def test_a_preview_shows_the_unsaved_body_not_the_published_one(client, course):
    lesson = lessons()[0]
    published = client.get(lesson.url).content.decode()
    assert "Paraphrase of the provision for the test." in published
    client.force_login(
        User.objects.create_superuser("editor@example.org", "correct horse battery")
    )
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[lesson.pk])
    draft = {
        "title": lesson.title,
        "slug": lesson.slug,
        "summary": lesson.summary,
        "estimated_minutes": 15,
        "body": streamfield([("rich_text", rich_text("<p>Seize the device.</p>"))]),
    }

    client.post(preview_url, nested_form_data(draft))
    html = client.get(preview_url).content.decode()

    assert "Seize the device." in html
    assert "Paraphrase of the provision for the test." not in html


def test_a_moved_lesson_is_served_at_its_new_address(client, course):
    """Its old address redirects there (Wagtail's automatic redirects)."""
    first, second, _, fourth = lessons()
    old_url = fourth.url
    assert client.get(old_url).status_code == HTTPStatus.OK
    client.get(first.url)

    fourth.move(first.get_parent(), pos="last-child")
    fourth.refresh_from_db()

    response = client.get(old_url)
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == fourth.url
    assert client.get(fourth.url).status_code == HTTPStatus.OK
    html = client.get(first.url).content.decode()
    assert f'<a href="{fourth.url}">{fourth.title}</a>' in module_toc(html)


def test_a_deleted_module_leaves_the_navigation(client, course):
    first, second, third, _ = lessons()
    assert f'rel="next" href="{third.url}"' in client.get(second.url).content.decode()

    third.get_parent().delete()

    assert 'rel="next"' not in client.get(second.url).content.decode()
    assert client.get(third.url).status_code == HTTPStatus.NOT_FOUND


def restrict_to_group(page: Page, name: str) -> Group:
    group = Group.objects.create(name=name)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return group


def test_a_course_made_private_refuses_its_lessons_to_trainees_without_access(
    trainee_client, trainee, course
):
    lesson = lessons()[0]
    assert trainee_client.get(lesson.url).status_code == HTTPStatus.OK

    partners = restrict_to_group(course, "Partner police academy")

    response = trainee_client.get(lesson.url)
    assert response.status_code == HTTPStatus.FOUND
    assert "/login/" in response["Location"]
    trainee.groups.add(partners)
    html = trainee_client.get(lesson.url).content.decode()
    assert f"<h1>{lesson.title}</h1>" in html


def test_a_private_module_leaves_the_outline_and_refuses_its_lessons(
    trainee_client, course
):
    first, second, third, _ = lessons()
    module = third.get_parent()
    assert f">{module.title}</a>" in trainee_client.get(course.url).content.decode()

    restrict_to_group(module, "Prosecutors only")

    assert f">{module.title}</a>" not in trainee_client.get(course.url).content.decode()
    assert 'rel="next"' not in trainee_client.get(second.url).content.decode()
    assert trainee_client.get(third.url).status_code == HTTPStatus.FOUND


def translate_first_lesson(
    language_code: str = "fr", title: str = "Les trois objectifs de la Convention"
) -> LessonPage:
    """The first lesson translated; its untranslated parents become aliases."""
    translation = lessons()[0].copy_for_translation(
        Locale.objects.get(language_code=language_code), copy_parents=True
    )
    translation.title = title
    translation.save_revision().publish()
    return translation


def test_a_translation_routes_in_its_language_next_to_the_cached_source(client, course):
    lesson = lessons()[0]
    assert f"<h1>{lesson.title}</h1>" in client.get(lesson.url).content.decode()

    translate_first_lesson()

    for _ in range(2):  # the second time from the cached route
        french = client.get("/fr" + lesson.url).content.decode()
        assert "<h1>Les trois objectifs de la Convention</h1>" in french
        english = client.get(lesson.url).content.decode()
        assert f"<h1>{lesson.title}</h1>" in english


def test_a_translation_below_a_private_course_is_refused_too(trainee_client, course):
    """The French course is an alias of the English one, whose privacy it shares."""
    translate_first_lesson()
    lesson = lessons()[0]
    assert trainee_client.get("/fr" + lesson.url).status_code == HTTPStatus.OK

    restrict_to_group(course, "Partner police academy")

    assert trainee_client.get("/fr" + lesson.url).status_code == HTTPStatus.FOUND


def test_the_editor_bar_is_for_people_who_use_the_admin(trainee_client, trainee):
    lesson = lessons()[0]
    assert "wagtail-userbar" not in trainee_client.get(lesson.url).content.decode()

    trainee.groups.add(instructors_group())

    assert "wagtail-userbar" in trainee_client.get(lesson.url).content.decode()


def test_a_change_made_through_another_process_shows_on_the_next_view(client, course):
    """Another process's publish reaches this one through the pages version in the
    shared cache, read on every view."""
    first, second, *_ = lessons()
    assert "Lesson 2 of 2" in client.get(second.url).content.decode()
    LessonPage.objects.filter(pk=second.pk).update(title="Renamed elsewhere")
    cache.set(f"courses:version:{caching.PAGES}", "set-by-another-process", None)

    html = client.get(first.url).content.decode()
    assert "Renamed elsewhere" in module_toc(html)
