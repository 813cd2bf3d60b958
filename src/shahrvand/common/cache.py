"""A Redis cache that degrades instead of failing when Redis is down.

The cache only holds what can be recomputed (the business-hours calendar) and the
rate-limit counters, so a Redis outage must not turn every request into a 500: reads
miss, writes are dropped and `add` answers True (rate limits fail open) until Redis is
back. Each failure is logged (at most once every few seconds per process).
"""

from __future__ import annotations

import logging
import time
from typing import Any

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
PAUSE_AFTER_FAILURE = 2.0  # seconds during which Redis is not tried again
_down_until = 0.0


class _Skipped(Exception):
    """Redis failed moments ago: do not wait for its connection timeout again."""


OUTAGE: tuple[type[Exception], ...] = (RedisConnectionError, RedisTimeoutError, OSError, _Skipped)


def _outage(operation: str, exc: BaseException) -> None:
    global _down_until
    if not isinstance(exc, _Skipped):
        _down_until = time.monotonic() + PAUSE_AFTER_FAILURE
        log.warning("cache unavailable (%s): %s; serving without it", operation, exc)


def _check() -> None:
    if time.monotonic() < _down_until:
        raise _Skipped


class _ReusingClient(RedisCacheClient):
    """Django builds a new redis.Redis object (and its table of ~170 response callbacks)
    for every cache call; one per connection pool is enough (it is thread-safe, and the
    pool reconnects after a fork). About 2 ms of CPU per report intake (bench/proof)."""

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        clients: dict[int, Any] = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)  # type: ignore[attr-defined]
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusingClient

    def get(self, key: Any, default: Any = None, version: int | None = None) -> Any:
        try:
            _check()
            return super().get(key, default, version)
        except OUTAGE as exc:
            _outage("get", exc)
            return default

    def set(self, key: Any, value: Any, timeout: Any = 300, version: int | None = None) -> None:
        try:
            _check()
            super().set(key, value, timeout, version)
        except OUTAGE as exc:
            _outage("set", exc)

    def add(self, key: Any, value: Any, timeout: Any = 300, version: int | None = None) -> bool:
        try:
            _check()
            return bool(super().add(key, value, timeout, version))
        except OUTAGE as exc:
            _outage("add", exc)
            return True

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        try:
            _check()
            return int(super().incr(key, delta, version))
        except OUTAGE as exc:
            _outage("incr", exc)
            return delta

    def count_hit(self, key: Any, timeout: int, version: int | None = None) -> int:
        """Add one to the counter `key` (created at 1) and keep it `timeout` seconds after
        this hit, in one round trip (Django's add-then-incr takes three). Fails open (1)."""
        try:
            _check()
            redis_key = self.make_and_validate_key(key, version=version)
            pipe = self._cache.get_client(redis_key, write=True).pipeline(transaction=True)
            pipe.incr(redis_key)
            pipe.expire(redis_key, timeout)
            count, _ = pipe.execute()
            return int(count)
        except OUTAGE as exc:
            _outage("count_hit", exc)
            return 1

    def delete(self, key: Any, version: int | None = None) -> bool:
        try:
            _check()
            return bool(super().delete(key, version))
        except OUTAGE as exc:
            _outage("delete", exc)
            return False
