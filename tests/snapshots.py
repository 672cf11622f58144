"""Test data built once per test run and put back in each test that needs it.

Building the demo course takes thousands of queries (pages, revisions, quizzes,
accounts); building even a small course takes hundreds. `capture(build)` runs a
builder once, in a transaction it rolls back, and keeps the rows the builder added
or changed, table by table. `Snapshot.restore()` writes those rows back with a few
multi-row INSERTs per table, inside whatever transaction the test runs in: the test
then starts from the same rows as if it had run the builder, at a small fraction of
the cost, and pytest-django rolls them back (or, for tests that commit, empties the
tables) afterwards. In a parallel run, `shared` lets the first worker that needs a
snapshot build it and the others read it: every worker's database is migrated the
same way, so the rows fit each of them.

Table and column names come from the models' metadata, quoted (hence the `noqa`s
on the SQL built with them); values are always passed as parameters. Rows are read
and written as the database stores them, with their primary keys, so objects the
builder returned are found again by key; PostgreSQL's sequences are then moved past
them. Foreign keys are checked at the end of a transaction (Django declares them
deferrable on SQLite and PostgreSQL), so tables can be written in any order. Files
the builder wrote (the demo's images) stay on disk for the whole run; caches are not
part of a snapshot (every test starts with an empty cache).
"""

import fcntl
import functools
import pickle
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models, transaction

T = TypeVar("T")
# Rows per INSERT statement: SQLite allows 32 766 parameters in one statement.
ROWS_PER_INSERT = 200


@dataclass
class TableChange:
    """What a builder did to one table: its rows to write (primary key first), and
    the keys of rows it deleted."""

    columns: list[str]
    key: str
    rows: list[tuple] = field(default_factory=list)
    deleted: list = field(default_factory=list)


@dataclass
class Snapshot:
    """The rows a builder added, changed or deleted, by table."""

    tables: dict[str, TableChange]

    def restore(self) -> None:
        """Make the database hold what it held when the builder had just run
        (from the state the builder started from: a freshly migrated database)."""
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table, change in self.tables.items():
                stale = [row[0] for row in change.rows] + change.deleted
                for start in range(0, len(stale), ROWS_PER_INSERT):
                    chunk = stale[start : start + ROWS_PER_INSERT]
                    cursor.execute(
                        f"DELETE FROM {quote(table)} WHERE {quote(change.key)} IN "  # noqa: S608
                        f"({', '.join(['%s'] * len(chunk))})",
                        chunk,
                    )
                columns = ", ".join(quote(column) for column in change.columns)
                row_marks = "(" + ", ".join(["%s"] * len(change.columns)) + ")"
                for start in range(0, len(change.rows), ROWS_PER_INSERT):
                    chunk = change.rows[start : start + ROWS_PER_INSERT]
                    cursor.execute(
                        f"INSERT INTO {quote(table)} ({columns}) VALUES "  # noqa: S608
                        + ", ".join([row_marks] * len(chunk)),
                        [value for row in chunk for value in row],
                    )
            restored = [tables()[table] for table in self.tables]
            for statement in connection.ops.sequence_reset_sql(no_style(), restored):
                cursor.execute(statement)
        ContentType.objects.clear_cache()


@functools.cache
def tables() -> dict[str, type[models.Model]]:
    """Every table of the project's models, with its model."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.managed and not meta.proxy:
            found.setdefault(meta.db_table, model)
    return found


def read(table: str) -> tuple[list[str], dict]:
    """The columns of `table` and its rows by primary key, as stored (the key is
    named first: SQLite's full-text tables keep theirs in a hidden `rowid`)."""
    quote = connection.ops.quote_name
    key = tables()[table]._meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(key)}, * FROM {quote(table)}")  # noqa: S608
        names = [column[0] for column in cursor.description]
        # The key again where `*` lists it too: keep each column once.
        keep = [i for i, name in enumerate(names) if names.index(name) == i]
        rows = {row[0]: tuple(row[i] for i in keep) for row in cursor.fetchall()}
    return [names[i] for i in keep], rows


def everything() -> Snapshot:
    """Every row of every table as it is now: what a freshly migrated database holds
    (the root page, the default site and locale, content types, permissions,
    groups, the moderation workflow), for `put_back`."""
    found = {}
    for table, model in tables().items():
        columns, rows = read(table)
        if rows:
            found[table] = TableChange(
                columns=columns, key=model._meta.pk.column, rows=list(rows.values())
            )
    return Snapshot(found)


def put_back(whole: Snapshot) -> None:
    """Empty every table and write `whole` back, in one transaction: after a test
    that committed its writes, the database is again as `everything()` found it.

    Quicker than Django's flush and a reload of serialised objects.
    """
    with transaction.atomic():
        connection.ops.execute_sql_flush(
            connection.ops.sql_flush(no_style(), list(tables()), allow_cascade=True)
        )
        whole.restore()


def capture(build: Callable[[], T]) -> tuple[Snapshot, T]:
    """Run `build`, keep what it changed in the database, and undo it.

    Returns the snapshot and what `build` returned (keep it to primary keys and
    plain values: the objects it built are gone once the transaction is undone).
    """
    before = {table: read(table)[1] for table in tables()}
    with transaction.atomic():
        result = build()
        changes = {}
        for table, model in tables().items():
            columns, after = read(table)
            change = TableChange(
                columns=columns,
                key=model._meta.pk.column,
                rows=[row for pk, row in after.items() if before[table].get(pk) != row],
                deleted=[pk for pk in before[table] if pk not in after],
            )
            if change.rows or change.deleted:
                changes[table] = change
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()
    return Snapshot(changes), result


def shared(folder: Path | None, name: str, make: Callable[[], T]) -> T:
    """`make()`, once for all the workers of a parallel run that share `folder`:
    the first to ask makes it and leaves it there, the others wait and read it.
    Without a folder (a run in one process), simply `make()`."""
    if folder is None:
        return make()
    path = folder / f"{name}.pickle"
    with (folder / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if path.exists():
            return pickle.loads(path.read_bytes())  # noqa: S301 (written just above by this run)
        made = make()
        path.write_bytes(pickle.dumps(made))
        return made
