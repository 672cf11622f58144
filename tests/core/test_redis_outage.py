"""With Redis down the pages are served from the database, quietly: no error, one
log line a minute, no wait for Redis on every call; and a page published during the
outage is shown as soon as Redis is back, not minutes later."""

import logging
from http import HTTPStatus

import pytest
from django.core.cache import caches
from django.test import override_settings

from core.cache import ResilientRedisCache
from courses import caching
from courses.models import LessonPage


@pytest.fixture
def shared_cache(redis_server):
    """The production cache configuration, on the test's own redis-server."""
    settings = override_settings(
        CACHES={
            "default": {
                "BACKEND": "core.cache.ResilientRedisCache",
                "LOCATION": redis_server.url,
                "OPTIONS": {
                    "SOCKET_CONNECT_TIMEOUT": 1,
                    "SOCKET_TIMEOUT": 1,
                    "IGNORE_EXCEPTIONS": True,
                },
            },
            "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        },
        DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS=True,
    )
    with settings:
        ResilientRedisCache.down_until = 0.0
        caching._unreachable.clear()
        yield redis_server
        caches["default"].close()
    ResilientRedisCache.down_until = 0.0
    caching._unreachable.clear()


def test_pages_are_served_from_the_database_while_redis_is_down(
    client, course, shared_cache, caplog
):
    lesson = LessonPage.objects.order_by("path").first()
    assert client.get(lesson.url).status_code == HTTPStatus.OK  # cached in Redis
    shared_cache.stop()

    with caplog.at_level(logging.WARNING, logger="django_redis.cache"):
        for _request in range(10):
            assert client.get(lesson.url).status_code == HTTPStatus.OK
    assert ResilientRedisCache.is_down()  # later calls skip Redis at once
    outage_lines = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert len(outage_lines) <= 1
    assert all(record.exc_info is None for record in outage_lines)


def test_a_page_published_during_the_outage_shows_once_redis_is_back(
    client, course, shared_cache
):
    lesson = LessonPage.objects.order_by("path").first()
    module = lesson.get_parent()
    assert lesson.title in client.get(module.url).content.decode()
    shared_cache.stop()

    lesson.title = "Preservation orders, revised during the outage"
    lesson.save_revision().publish()
    assert lesson.title in client.get(module.url).content.decode()

    shared_cache.start()
    ResilientRedisCache.down_until = 0.0  # the breaker's 30 seconds have passed
    assert lesson.title in client.get(module.url).content.decode()
    assert lesson.title in client.get(module.url).content.decode()
