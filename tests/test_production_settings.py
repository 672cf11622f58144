"""Production's optional services (Redis cache, S3 uploads, the reports' read replica)
and the client's address behind a proxy.

Settings are checked in a subprocess with the production environment, as in
tests/test_settings.py; none needs the service itself. The router is tested on the
real models, and through the report views against a replica that is the test
database itself (Django's TEST MIRROR, settings/test.py).
"""

import json
from datetime import date
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Permission
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from certificates.services import VERIFICATIONS_PER_MINUTE
from core.routers import ReportsReplicaRouter, replica_reads
from courses.models import ModulePage
from learning import services as learning
from learning.models import Enrolment
from partners.models import ExportRecord
from tests.factories.courses import CoursePageFactory
from tests.factories.partners import (
    CohortFactory,
    ManagerFactory,
    OrganisationFactory,
    OrganisationTraineeFactory,
)
from tests.factories.quizzes import QuestionFactory, QuizPageFactory
from tests.test_settings import PRODUCTION_ENV, run_manage

ROUTER = "core.routers.ReportsReplicaRouter"
FULL_ENV = {
    **PRODUCTION_ENV,
    "REDIS_URL": "redis://cache.internal:6379/0",
    "AWS_STORAGE_BUCKET_NAME": "academy-media",
    "AWS_S3_ENDPOINT_URL": "https://minio.internal:9000",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
    "DATABASE_REPLICA_URL": "postgres://academy@replica.internal:5432/academy",
}
# What the settings make of an environment, as JSON on the last line of output.
SNAPSHOT = """
import json
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages

def name(obj):
    return f"{type(obj).__module__}.{type(obj).__qualname__}"

media = storages["default"]
print(json.dumps({
    "cache": name(caches["default"]),
    "cache_options": settings.CACHES["default"].get("OPTIONS", {}),
    "key_prefix": settings.CACHES["default"].get("KEY_PREFIX", ""),
    "sessions": settings.SESSION_ENGINE,
    "media": name(media),
    "media_acl": getattr(media, "default_acl", None),
    "media_url": media.url("original_images/seal.png"),
    "static": name(storages["staticfiles"]),
    "databases": {a: db["ENGINE"] for a, db in settings.DATABASES.items()},
    "routers": settings.DATABASE_ROUTERS,
}))
"""


def snapshot(env: dict[str, str]) -> dict:
    result = run_manage("shell", "-c", SNAPSHOT, env=env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def configured() -> dict:
    """Production with Redis, a bucket and a replica configured."""
    return snapshot(FULL_ENV)


@pytest.fixture(scope="module")
def plain() -> dict:
    """Production with only the required values (one server)."""
    return snapshot(PRODUCTION_ENV)


def test_redis_url_gives_one_shared_cache_that_tolerates_outages(configured):
    assert configured["cache"] == "core.cache.ResilientRedisCache"
    assert configured["cache_options"]["IGNORE_EXCEPTIONS"] is True
    assert configured["key_prefix"] == "academy"
    # Sessions are read from the cache but also written to the database, so
    # logins survive a cache flush (tests/accounts: test_a_login_survives...).
    assert configured["sessions"] == "django.contrib.sessions.backends.cached_db"


def test_bucket_name_puts_uploads_on_s3_behind_signed_urls(configured):
    assert configured["media"] == "storages.backends.s3.S3Storage"
    assert configured["media_acl"] == "private"
    url = configured["media_url"]
    assert url.startswith("https://minio.internal:9000/academy-media/original_images/")
    assert "X-Amz-Signature=" in url
    assert configured["static"].startswith("whitenoise.storage.")


def test_replica_url_adds_the_replica_and_its_router(configured):
    assert configured["databases"]["replica"] == "django.db.backends.postgresql"
    assert configured["routers"] == [ROUTER]


def test_without_them_one_server_keeps_local_cache_files_and_database(plain):
    # one cache on disk for all of the server's workers, so a publish reaches them all
    assert plain["cache"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert plain["media"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert plain["media_url"] == "/media/original_images/seal.png"
    assert list(plain["databases"]) == ["default"]
    assert plain["routers"] == []


def test_fully_configured_production_passes_the_deployment_checklist():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=FULL_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_redis_outage_is_logged_and_pages_go_on_uncached():
    result = run_manage(
        "shell",
        "-c",
        "from django.core.cache import cache; "
        "from certificates.services import verification_allowed; "
        "cache.set('greeting', 'hello'); "
        "print(cache.get('greeting'), verification_allowed('203.0.113.9'))",
        # Nothing listens on port 1: every connection is refused at once.
        env={**PRODUCTION_ENV, "REDIS_URL": "redis://127.0.0.1:1/0"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "None True"
    assert "Connection refused" in result.stderr


def test_behind_a_proxy_lookups_are_limited_per_client_not_per_proxy(
    client, db, settings
):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1  # production's default: nginx in front
    url = reverse("certificates:verify_code", args=["NO-SUCH-CODE"])
    for _ in range(VERIFICATIONS_PER_MINUTE):
        client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9")

    blocked = client.get(url, HTTP_X_FORWARDED_FOR="203.0.113.9")
    other_client = client.get(url, HTTP_X_FORWARDED_FOR="198.51.100.4")
    assert blocked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert other_client.status_code == HTTPStatus.NOT_FOUND


def test_router_sends_report_reads_to_the_replica_and_writes_to_the_primary():
    router = ReportsReplicaRouter()
    assert router.db_for_read(Enrolment) == "default"
    with replica_reads():
        assert router.db_for_read(Enrolment) == "replica"
        assert router.db_for_read(ModulePage) == "replica"
        assert router.db_for_write(Enrolment) == "default"
    assert router.db_for_read(Enrolment) == "default"
    assert router.allow_migrate("default", "learning")
    assert not router.allow_migrate("replica", "learning")


def test_reads_inside_a_transaction_stay_on_the_primary(db):
    # pytest-django runs this test inside a transaction on the primary.
    with replica_reads():
        assert ReportsReplicaRouter().db_for_read(Enrolment) == "default"


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_report_views_read_from_the_replica_and_trainee_pages_do_not(
    committed_db, client, settings
):
    settings.DATABASE_ROUTERS = [ROUTER]
    course = CoursePageFactory()
    QuizPageFactory(parent=ModulePage.objects.first(), questions=[QuestionFactory()])
    organisation = OrganisationFactory(name="Alpha Police Academy")
    manager = ManagerFactory(organisation=organisation, email="manager@alpha.example")
    manager.user_permissions.add(
        *Permission.objects.filter(codename__in=["access_admin", "view_response"])
    )
    cohort = CohortFactory(
        organisation=organisation,
        name="Intake 1",
        courses=[course],
        start_date=date(2026, 1, 1),
        end_date=date(2026, 12, 31),
    )
    trainee = OrganisationTraineeFactory(cohort=cohort, email="amina@alpha.example")
    learning.enrol(trainee, course)
    replica = connections["replica"]

    client.force_login(manager)
    with CaptureQueriesContext(replica) as dashboard_reads:
        dashboard = client.get(reverse("partners:dashboard", args=[organisation.pk]))
    assert dashboard.status_code == HTTPStatus.OK
    assert "Amina K." in dashboard.content.decode()
    assert dashboard_reads.captured_queries

    export = client.get(
        reverse("partners:export", args=[organisation.pk, "trainees", "csv"])
    )
    with CaptureQueriesContext(replica) as streamed_reads:
        rows = b"".join(export.streaming_content).decode()
    assert "amina@alpha.example" in rows
    assert streamed_reads.captured_queries  # drawn while streaming, on the replica
    assert ExportRecord.objects.filter(organisation=organisation).count() == 1

    with CaptureQueriesContext(replica) as quiz_report_reads:
        index = client.get(reverse("quiz_reports:index"))
    assert index.status_code == HTTPStatus.OK
    assert quiz_report_reads.captured_queries

    client.force_login(trainee)
    with CaptureQueriesContext(replica) as trainee_reads:
        my_learning = client.get(reverse("learning:dashboard"))
    assert my_learning.status_code == HTTPStatus.OK
    assert not trainee_reads.captured_queries
