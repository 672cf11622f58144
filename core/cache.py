"""The shared cache (Redis) failing quietly: the site carries on from the database.

django-redis already turns a Redis error into a cache miss (`IGNORE_EXCEPTIONS`), but
each call still waits for its socket timeout and logs a traceback: with Redis down a
page took several times longer and wrote a dozen tracebacks. `ResilientRedisCache`
adds a circuit breaker: after a failure, every call for the next `RETRY_AFTER`
seconds fails at once, without touching the network; then one call tries Redis
again. `core.logging.OncePerMinute` keeps the log to one line a minute.
"""

import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted

RETRY_AFTER = 30.0


class ResilientRedisCache(RedisCache):
    """django-redis's cache with a circuit breaker (per process)."""

    down_until = 0.0

    @property
    def client(self):
        return _Breaker(super().client)

    @classmethod
    def is_down(cls) -> bool:
        return time.monotonic() < cls.down_until


class _Breaker:
    """Calls the django-redis client unless Redis failed less than `RETRY_AFTER`
    seconds ago; a failure opens the breaker."""

    def __init__(self, client) -> None:
        self._client = client

    def __getattr__(self, name: str):
        attribute = getattr(self._client, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            if ResilientRedisCache.is_down():
                raise ConnectionInterrupted(connection=None) from ConnectionError(
                    f"skipped: Redis failed less than {RETRY_AFTER:.0f} seconds ago"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted:
                ResilientRedisCache.down_until = time.monotonic() + RETRY_AFTER
                raise

        return call
