"""Instructors write and publish courses; they cannot manage users or site settings."""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import Workflow

from accounts.models import User
from courses.models import CourseIndexPage, HomePage, LessonPage


@pytest.fixture
def instructor_client(client, demo):
    client.force_login(User.objects.get(email="instructor@example.org"))
    return client


def test_instructor_can_edit_and_publish_course_pages(instructor_client):
    instructor = User.objects.get(email="instructor@example.org")
    lesson = LessonPage.objects.first()
    permissions = lesson.permissions_for_user(instructor)
    assert permissions.can_edit() and permissions.can_publish()
    catalogue = CourseIndexPage.objects.get()
    assert catalogue.permissions_for_user(instructor).can_add_subpage()
    response = instructor_client.get(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    )
    assert response.status_code == HTTPStatus.OK


def test_instructor_cannot_change_the_home_page(instructor_client):
    instructor = User.objects.get(email="instructor@example.org")
    assert not HomePage.objects.get().permissions_for_user(instructor).can_edit()


@pytest.mark.parametrize(
    "url_name",
    ["wagtailusers_users:index", "wagtailusers_groups:index", "wagtailsites:index"],
)
def test_instructor_cannot_manage_users_groups_or_sites(instructor_client, url_name):
    response = instructor_client.get(reverse(url_name))
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    if response.status_code == HTTPStatus.FOUND:
        assert reverse(url_name) not in response["Location"]


def test_moderation_workflow_is_available_on_the_course_tree(instructor_client):
    lesson = LessonPage.objects.first()
    workflow = lesson.get_workflow()
    assert isinstance(workflow, Workflow) and workflow.active
