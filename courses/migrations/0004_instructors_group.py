"""The Instructors group, so that a site has it after `migrate` alone, as Wagtail's own
migrations create Editors and Moderators.

Instructors may use the admin, add and change images and documents (and choose them
for lessons) in every collection, and add, edit, publish and lock the pages of every
course catalogue: those that exist now here, and those created later
(`courses.authoring`). The question bank's permissions come with the quizzes app's
migration. A group of that name that already exists is left as it is: staff may have
adjusted it.
"""

from django.db import migrations

GROUP = "Instructors"
PAGE_PERMISSIONS = {
    "add_page": "Can add page",
    "change_page": "Can change page",
    "publish_page": "Can publish page",
    "lock_page": "Can lock page",
}
LIBRARY_PERMISSIONS = {
    ("wagtailimages", "image"): ["add", "change", "choose"],
    ("wagtaildocs", "document"): ["add", "change", "choose"],
}


def permission(apps, app_label: str, model: str, codename: str, name: str):
    """The permission, created here under Django's usual name if the post-migrate
    signal has not made it yet (it creates every model's permissions only after all
    migrations have run)."""
    content_type, _created = apps.get_model(
        "contenttypes", "ContentType"
    ).objects.get_or_create(app_label=app_label, model=model)
    found, _created = apps.get_model("auth", "Permission").objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return found


def create_instructors_group(apps, schema_editor) -> None:
    Group = apps.get_model("auth", "Group")
    if Group.objects.filter(name=GROUP).exists():
        return
    group = Group.objects.create(name=GROUP)
    group.permissions.add(
        permission(
            apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
        )
    )
    root_collection = apps.get_model("wagtailcore", "Collection").objects.get(depth=1)
    GroupCollectionPermission = apps.get_model(
        "wagtailcore", "GroupCollectionPermission"
    )
    for (app_label, model), actions in LIBRARY_PERMISSIONS.items():
        for action in actions:
            GroupCollectionPermission.objects.create(
                group=group,
                collection=root_collection,
                permission=permission(
                    apps, app_label, model, f"{action}_{model}", f"Can {action} {model}"
                ),
            )
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for catalogue in apps.get_model("courses", "CourseIndexPage").objects.all():
        for codename, name in PAGE_PERMISSIONS.items():
            GroupPagePermission.objects.create(
                group=group,
                page_id=catalogue.pk,
                permission=permission(apps, "wagtailcore", "page", codename, name),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0003_certificate_settings"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        migrations.RunPython(create_instructors_group, migrations.RunPython.noop),
    ]
