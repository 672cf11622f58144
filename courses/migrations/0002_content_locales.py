"""Create a Wagtail locale for each content language, so instructors can translate."""

from django.conf import settings
from django.db import migrations


def create_content_locales(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for language_code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=language_code)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [
        migrations.RunPython(create_content_locales, migrations.RunPython.noop),
    ]
