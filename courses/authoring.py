"""The Instructors group: the people who write and publish courses in the admin.

Instructors may add, edit, lock, preview and publish pages in the course catalogue,
use the image and document libraries, keep the question bank and mark essay answers.
They cannot manage users, groups, sites or settings, and cannot change the home page.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from courses.models import CourseIndexPage

INSTRUCTORS_GROUP_NAME = "Instructors"
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]
MODEL_PERMISSIONS = {
    "quizzes": [
        "add_question",
        "change_question",
        "view_question",
        "add_questioncategory",
        "change_questioncategory",
        "view_questioncategory",
        "change_response",
        "view_response",
        "view_attempt",
    ],
}
LIBRARY_PERMISSIONS = {
    "wagtailimages": ["add_image", "change_image", "choose_image"],
    "wagtaildocs": ["add_document", "change_document", "choose_document"],
}


def ensure_instructors_group(catalogue: CourseIndexPage) -> Group:
    """Create the Instructors group with its permissions on `catalogue`, if missing.

    Permissions it already has are left as they are, so that staff can adjust the
    group in the admin without this function undoing their changes.
    """
    group, created = Group.objects.get_or_create(name=INSTRUCTORS_GROUP_NAME)
    if not created:
        return group
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    for app_label, codenames in MODEL_PERMISSIONS.items():
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
        )
    for codename in PAGE_PERMISSIONS:
        GroupPagePermission.objects.create(
            group=group,
            page=catalogue,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    root_collection = Collection.get_first_root_node()
    for app_label, codenames in LIBRARY_PERMISSIONS.items():
        for codename in codenames:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
    return group
