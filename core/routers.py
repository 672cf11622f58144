"""Reports read from the PostgreSQL read replica; everything else uses the primary.

Django's database router API (DATABASE_ROUTERS), switched on when
`DATABASE_REPLICA_URL` is set (settings/base.py). A replica lags the primary by a
moment, so only reads flagged as reporting go there: a trainee who has just
completed a lesson must see it on the next page, which only the primary guarantees.
Views opt in with `@read_from_replica` (partner dashboards and exports, quiz
reports); writes and migrations always go to the primary.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import Model
from django.http import FileResponse, HttpRequest, HttpResponse

REPLICA_DB_ALIAS = "replica"

reporting: ContextVar[bool] = ContextVar("reporting", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    """Within this block, reads go to the replica (when the router is installed)."""
    token = reporting.set(True)
    try:
        yield
    finally:
        reporting.reset(token)


def replica_chunks(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """A streamed response's chunks, each drawn with reads on the replica: CSV and
    ZIP exports run their queries while streaming, after the view has returned."""
    while True:
        with replica_reads():
            chunk = next(chunks, None)
        if chunk is None:
            return
        yield chunk


def read_from_replica(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Run a reporting view, and the streaming of its response, against the replica.

    Put it under the decorators that check who may see the page, so that access is
    decided on the primary's up-to-date memberships and permissions.
    """

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        with replica_reads():
            response = view(request, *args, **kwargs)
        # A FileResponse streams a finished file: nothing left to query.
        if (
            response.streaming
            and not response.is_async
            and not isinstance(response, FileResponse)
        ):
            response.streaming_content = replica_chunks(response.streaming_content)
        return response

    return wrapper


class ReportsReplicaRouter:
    """Reads inside `replica_reads` go to the replica, all else to the primary."""

    def db_for_read(self, model: type[Model], **hints) -> str:
        # Inside a transaction the primary holds writes the replica cannot see yet.
        if reporting.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return REPLICA_DB_ALIAS
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model: type[Model], **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Model, obj2: Model, **hints) -> bool:
        # The replica is a copy of the primary: their rows may refer to each other.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
