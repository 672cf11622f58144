"""Shared fixtures: course pages built with the factories, and a real Chromium."""

import json
import os
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from wagtail.models import Page

from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CoursePageFactory

# pytest-django's live_server runs alongside Playwright's sync API, which keeps an
# event loop in the test thread; Django refuses ORM calls there unless told it is safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session", autouse=True)
def certificate_signing_key():
    """A signing key for this run only (certificates are signed when drawn)."""
    from certificates import signing

    path = signing.key_path()
    signing.generate_key_file(path, replace=True)
    yield signing.public_key()
    path.unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the database is rolled back between
    tests, the in-memory cache is not, and ids are reused."""
    cache.clear()


@pytest.fixture
def course(db):
    """A published two-module course, two lessons per module."""
    return CoursePageFactory()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, request):
    """A fresh browser tab; a failing test leaves its screenshot in test-artifacts/."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{request.node.name}.png", full_page=True)
    context.close()


@pytest.fixture
def trainee(db):
    """A signed-up trainee with a verified address, not enrolled anywhere."""
    return TraineeFactory(email="amina@example.org")


@pytest.fixture(scope="session")
def migrated_rows(django_db_setup, django_db_blocker) -> str:
    """The rows that migrations create (root page, default locale, root collection,
    moderation workflow), serialised once before any test flushes them.

    Content types come first: restoring the moderation task looks its content type
    up, and would create one that then clashes with the restored row.
    """
    with django_db_blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    return json.dumps(rows)


@pytest.fixture
def committed_db(migrated_rows, transactional_db) -> None:
    """A database whose writes are committed (for threads and the live server).

    Such tests flush the database when they end; the rows migrations made are put
    back here first. (Django's own serialized rollback keeps them on the connection
    object, which Playwright's event loop replaces after the first journey.) The
    flush keeps PostgreSQL's sequences where they are: restarted at 1, the next page
    created would collide with the restored root page's id.
    """
    if not Page.objects.exists():
        call_command(
            "flush",
            interactive=False,
            inhibit_post_migrate=True,
            reset_sequences=False,
            verbosity=0,
        )
        connection.creation.deserialize_db_from_string(migrated_rows)
        ContentType.objects.clear_cache()
