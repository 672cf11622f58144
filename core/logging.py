"""Logging filters: a failing dependency is reported, not repeated on every request."""

import logging
import time


class OncePerMinute(logging.Filter):
    """Lets one record through per logger and minute, without its traceback, and
    says that the others are muted. For a dependency that fails on every request
    while it is down (Redis: settings/base.py)."""

    def __init__(self, name: str = "", seconds: float = 60.0) -> None:
        super().__init__(name)
        self.seconds = seconds
        self.last: dict[str, float] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        now = time.monotonic()
        if now - self.last.get(record.name, float("-inf")) < self.seconds:
            return False
        self.last[record.name] = now
        cause = record.exc_info[1] if record.exc_info else None
        record.msg = (
            f"{record.getMessage()}: {cause} "
            f"(the same errors are muted for {self.seconds:.0f} seconds)"
        )
        record.args = ()
        record.exc_info = record.exc_text = None
        return True
