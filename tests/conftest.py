"""Shared fixtures: course pages built with the factories, the demo course, and a real
Chromium. Data that many tests share is built once per session and put back in each
test from a snapshot (tests/snapshots.py)."""

import os
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.management import call_command
from wagtail.models import Page

from courses.models import CoursePage
from tests import snapshots
from tests.factories.accounts import TraineeFactory
from tests.factories.courses import CoursePageFactory
from tests.redis import RedisServer

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
    """Each test starts with empty caches: the database is rolled back between
    tests, the in-memory caches are not, and ids are reused."""
    for each in caches.all():
        each.clear()


def seed_demo(*options: str) -> str:
    """Run `manage.py seed_demo` with these options; what it printed."""
    out = StringIO()
    call_command("seed_demo", *options, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="session")
def snapshot_of(django_db_blocker, migrated, tmp_path_factory, worker_id):
    """`snapshot_of(name, build)`: `snapshots.capture(build)` from a freshly migrated
    database, the state every test starts from; made once per run, by the first
    worker of a parallel run that needs it (`snapshots.shared`)."""
    folder = None if worker_id == "master" else tmp_path_factory.getbasetemp().parent

    def snapshot_of(name: str, build):
        def make():
            with django_db_blocker.unblock():
                put_back_migrated(migrated)
                return snapshots.capture(build)

        return snapshots.shared(folder, name, make)

    return snapshot_of


@pytest.fixture(scope="session")
def course_snapshot(snapshot_of) -> tuple[snapshots.Snapshot, int]:
    return snapshot_of("course", lambda: CoursePageFactory().pk)


@pytest.fixture
def course(db, course_snapshot) -> CoursePage:
    """A published two-module course, two lessons per module."""
    snapshot, course_id = course_snapshot
    snapshot.restore()
    return CoursePage.objects.get(pk=course_id)


@pytest.fixture(scope="session")
def demo_snapshot(snapshot_of) -> tuple[snapshots.Snapshot, str]:
    """The demo course, its quizzes and the demo accounts, without the partner
    organisations; and what `seed_demo` printed."""
    return snapshot_of("demo", lambda: seed_demo("--without-partners"))


@pytest.fixture
def demo(db, demo_snapshot) -> CoursePage:
    """The demo course as `seed_demo --without-partners` leaves it."""
    demo_snapshot[0].restore()
    return CoursePage.objects.get()


@pytest.fixture(scope="session")
def demo_partners_snapshot(
    snapshot_of, demo_snapshot
) -> tuple[snapshots.Snapshot, str]:
    """Everything `seed_demo` makes: the demo course put back, then the command run
    again to add the partner organisations; and what that run printed."""

    def seed_partners() -> str:
        demo_snapshot[0].restore()
        return seed_demo()

    return snapshot_of("demo-partners", seed_partners)


@pytest.fixture
def demo_with_partners(db, demo_partners_snapshot) -> str:
    """The whole demo as `seed_demo` leaves it; returns what its last run printed."""
    snapshot, output = demo_partners_snapshot
    snapshot.restore()
    return output


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
def migrated(django_db_setup, django_db_blocker) -> snapshots.Snapshot:
    """The rows that migrations made (root page, default locale, root collection,
    moderation workflow, groups), read once before any test empties the tables."""
    with django_db_blocker.unblock():
        return snapshots.everything()


def put_back_migrated(migrated: snapshots.Snapshot) -> None:
    """After a test that committed its writes (pytest-django empties every table
    when it ends), put back the rows that migrations made."""
    if not Page.objects.exists():
        snapshots.put_back(migrated)


@pytest.fixture
def committed_db(migrated, transactional_db) -> None:
    """A database whose writes are committed (for threads and the live server).

    Such tests empty every table when they end; the next one puts back what
    migrations made. (Django's own serialized rollback keeps those rows on the
    connection object, which Playwright's event loop replaces after the first
    journey.)
    """
    put_back_migrated(migrated)


@pytest.fixture(autouse=True)
def mail_through_the_outbox(settings):
    """Send the suite's e-mail through the outbox, as the site does: Django's test
    set-up would otherwise swap in its memory backend and skip it. The outbox then
    delivers into that memory backend (`mail.outbox`) at once (settings/test.py)."""
    settings.EMAIL_BACKEND = "outbox.backends.OutboxBackend"


@pytest.fixture
def redis_server(tmp_path):
    """A running private redis-server (see tests/redis.py)."""
    server = RedisServer(tmp_path)
    if server.program is None:
        pytest.fail("redis-server is missing: make test installs it (apt redis-server)")
    server.start()
    yield server
    server.stop()
