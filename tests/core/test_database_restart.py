"""After PostgreSQL restarts (or drops the site's connections), a worker's next
request succeeds: persistent connections are checked before a request reuses them
(`CONN_HEALTH_CHECKS`). On SQLite, which has no server, the connection is reopened
for every request."""

import threading

from django.core.signals import request_finished, request_started
from django.db import connection

from courses.models import CoursePage


def lose_the_connection() -> None:
    """What a database restart does to a worker's open connection."""
    if connection.vendor != "postgresql":
        connection.connection.close()
        return
    pid = connection.connection.info.backend_pid

    def terminate() -> None:
        with connection.cursor() as cursor:  # this thread's own connection
            cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        connection.close()

    other = threading.Thread(target=terminate)
    other.start()
    other.join()


def test_the_first_request_after_a_database_restart_succeeds(committed_db, course):
    request_started.send(sender=None)
    assert CoursePage.objects.count() == 1  # a request opens the connection

    lose_the_connection()  # the database restarts

    request_started.send(sender=None)  # the next request of the same worker
    assert CoursePage.objects.count() == 1
    request_finished.send(sender=None)
