"""A module teaches one chapter, and each article is taught by exactly one module."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from courses.models import ModulePage


def add_module_url(course) -> str:
    return reverse("wagtailadmin_pages:add", args=["courses", "modulepage", course.pk])


def module_form(**overrides) -> dict:
    data = {
        "title": "Jurisdiction",
        "slug": "jurisdiction",
        "chapter_number": 3,
        "articles_covered": "22",
        "introduction": rich_text(""),
        "learning_objectives": rich_text("<ul><li>Decide who prosecutes.</li></ul>"),
        "estimated_minutes": 30,
        "action-publish": "action-publish",
    }
    data.update(overrides)
    return nested_form_data(data)


@pytest.fixture
def admin_client_logged_in(client, django_user_model):
    admin = django_user_model.objects.create_superuser("chief@example.org", "pw")
    client.force_login(admin)
    return client


@pytest.mark.parametrize(
    ("articles", "message"),
    [
        ("99", "The Convention has no article 99."),
        ("5-3", "“5-3” is not an article number or a range"),
        ("seven", "“seven” is not an article number or a range"),
    ],
)
def test_module_with_unknown_or_malformed_articles_is_refused(
    course, articles, message
):
    module = ModulePage.objects.child_of(course).first()
    module.articles_covered = articles
    with pytest.raises(ValidationError) as error:
        module.full_clean()
    assert message in str(error.value.message_dict["articles_covered"])


def test_article_list_is_saved_in_its_shortest_form(course):
    module = ModulePage.objects.child_of(course).first()
    module.articles_covered = "1, 2,3 ; 4-6"
    module.full_clean()
    assert module.articles_covered == "1-6"


def test_admin_refuses_a_second_module_for_the_same_chapter(
    course, admin_client_logged_in
):
    response = admin_client_logged_in.post(
        add_module_url(course), module_form(chapter_number=1, articles_covered="22")
    )
    assert response.status_code == HTTPStatus.OK
    assert "already teaches this chapter" in response.content.decode()
    assert ModulePage.objects.child_of(course).count() == 2


def test_admin_refuses_an_article_another_module_covers(course, admin_client_logged_in):
    response = admin_client_logged_in.post(
        add_module_url(course), module_form(articles_covered="7, 22")
    )
    assert response.status_code == HTTPStatus.OK
    assert "Article 7 is already covered by the module" in response.content.decode()
    assert not ModulePage.objects.filter(chapter_number=3).exists()


def test_admin_accepts_a_module_for_a_free_chapter(course, admin_client_logged_in):
    response = admin_client_logged_in.post(add_module_url(course), module_form())
    assert response.status_code == HTTPStatus.FOUND
    assert ModulePage.objects.get(chapter_number=3).live
