"""Each response says how long the server took and how many SQL queries it ran, in
the standard `Server-Timing` header, for the benchmark (bench/run.py) and the
browser's developer tools:

    Server-Timing: app;dur=6.8, db;dur=1.9;desc="7 queries"

`app` is the time from the first middleware to the response (milliseconds), `db`
the time spent in SQL and, in its description, the number of statements. On only
where the environment sets SERVER_TIMING=1: settings/base.py then puts this
middleware first, so that it times every other one too; otherwise it is not loaded
and costs nothing. The body of a streamed response (exports, ZIPs) is produced after
the header is sent, so neither figure includes it.
"""

import time
from collections.abc import Callable
from contextlib import ExitStack

from django.db import connections
from django.http import HttpRequest, HttpResponse


class QueryTally:
    """An execute wrapper (`connection.execute_wrapper`) that counts the SQL
    statements run through it and adds up their time; it works with DEBUG off,
    unlike `connection.queries`."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - start


class ServerTimingMiddleware:
    """Adds the request's server time and SQL figures as a `Server-Timing` header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        tally = QueryTally()
        start = time.perf_counter()
        with ExitStack() as wrappers:
            # Every database alias (the reports' replica too), on this thread.
            for connection in connections.all():
                wrappers.enter_context(connection.execute_wrapper(tally))
            response = self.get_response(request)
        elapsed = time.perf_counter() - start
        response["Server-Timing"] = server_timing(elapsed, tally)
        return response


def server_timing(elapsed: float, tally: QueryTally) -> str:
    """The header's value for a request that took `elapsed` seconds."""
    return (
        f"app;dur={elapsed * 1000:.2f}, "
        f'db;dur={tally.seconds * 1000:.2f};desc="{tally.count} queries"'
    )
