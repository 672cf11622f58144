"""Instructors keep the glossary and the dated Convention status box, as they keep
the course pages (courses 0004)."""

from django.db import migrations

GROUP = "Instructors"
PERMISSIONS = {
    "glossaryterm": ["add", "change", "delete"],
    "conventionstatus": ["change"],
}


def let_instructors_keep_reference_content(apps, schema_editor) -> None:
    group = apps.get_model("auth", "Group").objects.filter(name=GROUP).first()
    if group is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, actions in PERMISSIONS.items():
        content_type, _created = ContentType.objects.get_or_create(
            app_label="courses", model=model
        )
        for action in actions:
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {model}"},
            )
            group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [("courses", "0005_article_cards_glossary_status")]

    operations = [
        migrations.RunPython(
            let_instructors_keep_reference_content, migrations.RunPython.noop
        )
    ]
