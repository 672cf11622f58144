"""Run the same action from several threads at once, each with its own connection."""

import threading
from collections.abc import Callable

from django.db import connection


def run_at_once(action: Callable[[], object], threads: int = 8) -> list[BaseException]:
    """Release `threads` threads together on `action`; return the errors they raised."""
    return run_each_at_once([action] * threads)


def run_each_at_once(actions: list[Callable[[], object]]) -> list[BaseException]:
    """Release one thread per action together; return the errors they raised."""
    start = threading.Barrier(len(actions))
    errors: list[BaseException] = []

    def worker(action: Callable[[], object]) -> None:
        try:
            start.wait()
            action()
        except BaseException as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connection.close()

    workers = [threading.Thread(target=worker, args=(a,)) for a in actions]
    for thread in workers:
        thread.start()
    for thread in workers:
        thread.join()
    return errors
