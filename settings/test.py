"""Settings for pytest: fast hashing, plain static storage, in-memory cache and mail."""

import os

from .base import *  # noqa: F403

SECRET_KEY = "test-only-key-not-secret"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
CACHES["default"] = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}  # noqa: F405
STORAGES["default"] = {  # noqa: F405
    "BACKEND": "django.core.files.storage.FileSystemStorage"
}
# E-mail still goes through the outbox, delivered into Django's test outbox at once:
# tasks run where they are enqueued, and the outbox enqueues without waiting for a
# commit that most tests never make. Tests about the queue itself change these.
OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
OUTBOX_ENQUEUE_ON_COMMIT = False
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = VAR_DIR / "test-media"  # noqa: F405
WAGTAILADMIN_BASE_URL = "http://testserver"
# Created for the run by tests/conftest.py, and removed after it.
CERTIFICATE_SIGNING_KEY_FILE = VAR_DIR / f"test-signing-key-{os.getpid()}.pem"  # noqa: F405

# A file, not SQLite's in-memory default: the suite then runs with the same WAL and
# locking behaviour as the served site, and threads can share the database. One file
# per test run, so that two runs on one machine do not share it.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(VAR_DIR / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }
# The read replica is the test database itself (Django's TEST MIRROR), so that the
# replica router is tested without a second server. The router stays off except in
# the tests that switch it on (tests/test_production_settings.py): most tests write
# inside a transaction that another connection, such as the replica's, cannot see.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}  # noqa: F405
DATABASE_ROUTERS = []
# Static files come straight from the app folders; collectstatic is for production.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# No search index updates on every page and snippet save: no test searches the index,
# and building the demo course would write thousands of index rows.
WAGTAILSEARCH_BACKENDS["default"]["AUTO_UPDATE"] = False  # noqa: F405
