"""Settings: SQLite fit for concurrent use, PostgreSQL by URL, production fails fast.

What a settings module makes of an environment is read in this process
(`settings_under`); what needs Django set up with those settings (the deployment
checklist, a database connection, collectstatic) runs `manage.py` in a subprocess,
as an operator would (`run_manage`).
"""

import importlib
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from unittest import mock

import pytest

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "settings.production",
    "SECRET_KEY": "a-long-random-production-key-" + "x" * 40,
    "ALLOWED_HOSTS": "academy.example.org",
    "DATABASE_URL": "sqlite:///" + str(PROJECT / "var" / "deploy-check.sqlite3"),
    "CERTIFICATE_SIGNING_KEY_FILE": str(PROJECT / "var" / "deploy-check-key.pem"),
}


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    # The suite's own DATABASE_URL (a PostgreSQL run) must not reach the settings
    # under test: each test says which database, if any, they get.
    clean_env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def settings_under(module: str, env: dict[str, str]) -> ModuleType:
    """The settings module `module` (e.g. "settings.production") as it comes out of
    `env` alone, imported afresh in this process and then forgotten: the suite's
    own settings modules stay as they were."""
    ours = {
        name: sys.modules.pop(name)
        for name in list(sys.modules)
        if name == "settings" or name.startswith("settings.")
    }
    try:
        with mock.patch.dict(os.environ, env, clear=True):
            return importlib.import_module(module)
    finally:
        for name in [
            n for n in sys.modules if n == "settings" or n.startswith("settings.")
        ]:
            del sys.modules[name]
        sys.modules.update(ours)


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    result = run_manage(
        "shell",
        "-c",
        "from django.db import connection as c; cursor = c.cursor(); "
        "print(cursor.execute('PRAGMA journal_mode').fetchone()[0], "
        "cursor.execute('PRAGMA busy_timeout').fetchone()[0], "
        "c.settings_dict['OPTIONS']['transaction_mode'])",
        env={
            "DJANGO_SETTINGS_MODULE": "settings.dev",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'wal-check.sqlite3'}",
        },
    )
    journal_mode, busy_timeout, transaction_mode = result.stdout.split()[-3:]
    assert journal_mode == "wal"
    assert int(busy_timeout) >= 5000
    assert transaction_mode == "IMMEDIATE"


def test_production_passes_the_deployment_checklist():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "missing",
    ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "CERTIFICATE_SIGNING_KEY_FILE"],
)
def test_production_refuses_to_start_without_required_setting(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    with pytest.raises(KeyError, match=missing):
        settings_under("settings.production", env)


def test_production_starts_with_the_required_settings():
    production = settings_under("settings.production", PRODUCTION_ENV)
    assert production.DEBUG is False
    assert production.ALLOWED_HOSTS == ["academy.example.org"]


def test_database_url_switches_to_postgresql():
    dev = settings_under(
        "settings.dev", {"DATABASE_URL": "postgres://academy@db.internal:5432/academy"}
    )
    assert dev.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert dev.DATABASES["default"]["HOST"] == "db.internal"
    # Persistent connections, each checked before a request reuses it: after a
    # database restart the next request reconnects instead of failing.
    assert dev.DATABASES["default"]["CONN_MAX_AGE"] == 600
    assert dev.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_the_task_queue_is_the_database_unless_redis_is_chosen():
    embedded = settings_under("settings.dev", {})
    assert embedded.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    redis = settings_under(
        "settings.dev",
        {"TASKS_BACKEND": "rq", "REDIS_URL": "redis://cache.internal:6379/0"},
    )
    assert redis.TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend"
    assert redis.RQ_QUEUES["default"]["URL"] == "redis://cache.internal:6379/0"


def test_production_static_files_are_hashed_and_compressed(tmp_path):
    result = run_manage(
        "collectstatic",
        "--noinput",
        env={**PRODUCTION_ENV, "STATIC_ROOT": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    hashed = [p for p in (tmp_path / "css").glob("site.*.css") if p.suffix == ".css"]
    assert hashed, "no hashed copy of site.css"
    assert hashed[0].with_name(hashed[0].name + ".gz").exists()
    assert "css/site.css" in (tmp_path / "staticfiles.json").read_text()
