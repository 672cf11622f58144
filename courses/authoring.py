"""The Instructors group: the people who write and publish courses in the admin.

Instructors may add, edit, lock, preview and publish pages in the course catalogue,
use the image and document libraries, keep the question bank and mark essay answers.
They cannot manage users, groups, sites or settings, and cannot change the home page.
People who may use the admin see Wagtail's editor bar on the site's pages.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete
from django.dispatch import receiver
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from courses import caching
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


# How long a person's admin access is remembered. Changes to groups and
# permissions (below) retire every answer at once; this bounds what they miss, such
# as a change made through another worker when workers have caches of their own.
# A stale answer only shows or hides the editor bar: the admin checks for itself.
ADMIN_ACCESS_TIMEOUT = 24 * 60 * 60
ACCESS = "admin-access"


def uses_admin(user) -> bool:
    """Whether `user` may open the Wagtail admin (instructors, staff with access).

    Pages show Wagtail's editor bar to these people only. Asking Django costs two
    permission queries, so the answer is kept in the cache per person: a trainee's
    page views make none once the first has asked.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return caching.cached(
        "uses-admin",
        str(user.pk),
        lambda: user.has_perm("wagtailadmin.access_admin"),
        scope=ACCESS,
        timeout=ADMIN_ACCESS_TIMEOUT,
    )


User = get_user_model()


@receiver(m2m_changed, sender=User.groups.through)
@receiver(m2m_changed, sender=User.user_permissions.through)
@receiver(m2m_changed, sender=Group.permissions.through)
def access_changed(sender, action, **kwargs) -> None:
    """Someone's groups or permissions, or a group's permissions, changed (rare:
    every remembered answer is retired)."""
    if action.startswith("post_"):
        caching.retire(ACCESS)


@receiver(post_delete, sender=Group)
@receiver(post_delete, sender=Permission)
def group_or_permission_deleted(sender, **kwargs) -> None:
    caching.retire(ACCESS)
