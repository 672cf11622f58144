"""Journeys through the real site in headless Chromium, against the live server."""

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker) -> str:
    """The rows that migrations create (root page, default locale, root collection,
    moderation workflow), serialised once before any journey flushes them."""
    with django_db_blocker.unblock():
        return connection.creation.serialize_db_to_string()


@pytest.fixture
def demo_site(migrated_rows, live_server, transactional_db) -> str:
    """The demo course seeded and served; returns the server's base URL.

    The live server only sees committed data, so each journey flushes the database
    when it ends. The rows migrations made are put back before seeding. (Django's
    own serialized rollback keeps them on the connection object, which Playwright's
    event loop replaces after the first journey.)
    """
    if not Page.objects.exists():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)
        connection.creation.deserialize_db_from_string(migrated_rows)
        ContentType.objects.clear_cache()
    call_command("seed_demo", stdout=StringIO())
    return live_server.url
