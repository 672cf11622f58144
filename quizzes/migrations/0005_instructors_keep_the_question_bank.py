"""Instructors keep the question bank: they add and change questions and their
categories, mark essay answers and read attempts (the group itself comes from the
courses app's migration).

Permissions the group already has are kept; it gains only the ones missing.
"""

from django.db import migrations

GROUP = "Instructors"
# model: (its verbose name, for a permission's name, and the actions instructors have)
MODEL_PERMISSIONS = {
    "question": ("question", ["add", "change", "view"]),
    "questioncategory": ("question category", ["add", "change", "view"]),
    "response": ("quiz response", ["change", "view"]),
    "attempt": ("quiz attempt", ["view"]),
}


def give_question_bank_to_instructors(apps, schema_editor) -> None:
    group, _created = apps.get_model("auth", "Group").objects.get_or_create(
        name=GROUP
    )
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model, (verbose_name, actions) in MODEL_PERMISSIONS.items():
        content_type, _created = ContentType.objects.get_or_create(
            app_label="quizzes", model=model
        )
        for action in actions:
            found, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=f"{action}_{model}",
                defaults={"name": f"Can {action} {verbose_name}"},
            )
            group.permissions.add(found)


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0004_archived_attempts"),
        ("courses", "0004_instructors_group"),
    ]

    operations = [
        migrations.RunPython(
            give_question_bank_to_instructors, migrations.RunPython.noop
        ),
    ]
