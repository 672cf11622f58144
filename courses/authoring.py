"""The Instructors group: the people who write and publish courses in the admin.

Instructors may add, edit, lock, preview and publish pages in the course catalogue,
use the image and document libraries, keep the question bank and mark essay answers.
They keep the glossary and the dated Convention status box. They cannot manage
users, groups, sites or other settings, and cannot change the home page. The group
and its permissions come from migrations (courses 0004 and 0006, quizzes 0005), so
a new site has it after `migrate`; each course catalogue created later is opened to
it here. People who may use the admin see Wagtail's editor bar on the site's pages.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission

from courses import caching
from courses.models import CourseIndexPage

INSTRUCTORS_GROUP_NAME = "Instructors"
CATALOGUE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page"]


def instructors_group() -> Group:
    """The Instructors group, made by the migrations."""
    return Group.objects.get(name=INSTRUCTORS_GROUP_NAME)


@receiver(post_save, sender=CourseIndexPage)
def open_new_catalogue_to_instructors(
    sender, instance: CourseIndexPage, created: bool, raw: bool = False, **kwargs
) -> None:
    """Instructors add, edit, publish and lock pages in every course catalogue,
    including one created after the group (a new site's first catalogue)."""
    if not created or raw:
        return
    group = Group.objects.filter(name=INSTRUCTORS_GROUP_NAME).first()
    if group is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=CATALOGUE_PERMISSIONS
    ):
        GroupPagePermission.objects.get_or_create(
            group=group, page=instance, permission=permission
        )


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
