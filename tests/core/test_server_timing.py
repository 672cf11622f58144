"""The Server-Timing header: the server's time and SQL statements of each request,
on only when SERVER_TIMING=1 (core/server_timing.py)."""

import re
from http import HTTPStatus

from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory

from core.server_timing import ServerTimingMiddleware
from tests.test_settings import settings_under

MIDDLEWARE = "core.server_timing.ServerTimingMiddleware"
HEADER = re.compile(r'^app;dur=(\d+\.\d\d), db;dur=(\d+\.\d\d);desc="(\d+) queries"$')


def three_queries(request) -> HttpResponse:
    with connection.cursor() as cursor:
        for _ in range(3):
            cursor.execute("SELECT 1")
    return HttpResponse("ok")


def test_the_header_gives_the_time_and_the_statements_run(db):
    middleware = ServerTimingMiddleware(three_queries)

    response = middleware(RequestFactory().get("/"))

    app_ms, db_ms, queries = HEADER.match(response["Server-Timing"]).groups()
    assert int(queries) == 3
    assert 0 <= float(db_ms) <= float(app_ms)


def test_statements_outside_the_request_are_not_counted(db):
    middleware = ServerTimingMiddleware(lambda request: HttpResponse("ok"))
    three_queries(None)

    response = middleware(RequestFactory().get("/"))

    assert HEADER.match(response["Server-Timing"]).group(3) == "0"


def test_every_page_has_the_header_when_the_middleware_is_on(client, settings, db):
    settings.MIDDLEWARE = [MIDDLEWARE, *settings.MIDDLEWARE]

    response = client.get("/verify/")

    assert response.status_code == HTTPStatus.OK
    assert HEADER.match(response["Server-Timing"])


def test_the_middleware_is_first_with_server_timing_1_and_absent_otherwise():
    on = settings_under("settings.base", {"SERVER_TIMING": "1"}).MIDDLEWARE
    off = settings_under("settings.base", {"SERVER_TIMING": "0"}).MIDDLEWARE

    assert on.index(MIDDLEWARE) == 0
    assert MIDDLEWARE not in off
