"""A site has the Instructors group after `migrate` alone, with what instructors need,
and every course catalogue is open to them, also one created after the group."""

from http import HTTPStatus
from importlib import import_module

from django.apps import apps
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from accounts.models import User
from courses.authoring import INSTRUCTORS_GROUP_NAME, instructors_group
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CourseIndexPageFactory

GROUP_MIGRATION = import_module("courses.migrations.0004_instructors_group")


def test_migrations_alone_make_the_group_with_its_permissions(db):
    group = instructors_group()
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert "access_admin" in codenames
    assert {"add_question", "change_question", "change_response"} <= codenames
    assert not {"delete_question", "add_user", "change_group"} & codenames
    library = set(
        GroupCollectionPermission.objects.filter(
            group=group, collection=Collection.get_first_root_node()
        ).values_list("permission__codename", flat=True)
    )
    assert library == {
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    }


def test_a_catalogue_made_after_migrate_is_open_to_instructors(client, db):
    instructor = TraineeFactory(email="ines@example.org")
    instructor.groups.add(instructors_group())
    catalogue = CourseIndexPageFactory()
    home = catalogue.get_parent().specific

    permissions = catalogue.permissions_for_user(instructor)
    assert permissions.can_add_subpage() and permissions.can_publish()
    assert not home.permissions_for_user(instructor).can_edit()
    client.force_login(instructor)
    add_course = reverse(
        "wagtailadmin_pages:add", args=["courses", "coursepage", catalogue.pk]
    )
    assert client.get(add_course).status_code == HTTPStatus.OK


def test_people_outside_the_group_get_no_catalogue_permissions(db):
    trainee = TraineeFactory()
    catalogue = CourseIndexPageFactory()
    assert not catalogue.permissions_for_user(trainee).can_edit()
    assert not User.objects.get(pk=trainee.pk).has_perm("wagtailadmin.access_admin")


def test_the_migration_leaves_an_existing_group_as_staff_left_it(db):
    group = instructors_group()
    group.permissions.clear()

    GROUP_MIGRATION.create_instructors_group(apps, None)

    assert not group.permissions.exists()


def test_the_migration_opens_catalogues_that_already_exist(db):
    catalogue = CourseIndexPageFactory()
    Group.objects.filter(name=INSTRUCTORS_GROUP_NAME).delete()

    GROUP_MIGRATION.create_instructors_group(apps, None)

    pages = GroupPagePermission.objects.filter(group=instructors_group())
    assert set(pages.values_list("page_id", flat=True)) == {catalogue.pk}
    assert set(pages.values_list("permission__codename", flat=True)) == {
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
    }
