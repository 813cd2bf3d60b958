"""Per-process copies of the small tables every report intake reads (municipalities,
categories, district shapes, routing rules, work calendars), valid while one shared token
in the cache is unchanged.

A use costs one cache GET instead of the queries (and, for districts, building the
polygons again); within one web request the token is read once, whatever the number of
copies used (`request_started` clears it, see `begin_request`). Every save or delete of a
row they depend on calls `forget` (signals, connected in shahrvand.routing.apps), which
drops the token at once and again after the commit, so a process never keeps a copy past
its next request; a copy is also rebuilt after MAX_AGE seconds. While the shared cache is
down nothing is kept: every use reads the database, as before.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "shv:localcopy-token"
MAX_AGE = 300.0
T = TypeVar("T")

_copies: dict[tuple[str, Hashable], tuple[str, float, Any]] = {}
# The token as read during the current web request (per thread: gthread workers serve
# several requests at once). None outside a request: every use then reads the cache.
_request = threading.local()


def begin_request(*_args: object, **_kwargs: object) -> None:
    """`request_started` receiver: the next use in this request reads the token again."""
    _request.active = True
    _request.token = None


def end_request(*_args: object, **_kwargs: object) -> None:
    """`request_finished` receiver: outside a request, nothing is remembered."""
    _request.active = False
    _request.token = None


def _read_token() -> str | None:
    token = cache.get(CACHE_KEY)
    if token is None:
        cache.add(CACHE_KEY, uuid.uuid4().hex, None)
        token = cache.get(CACHE_KEY)
    return token if isinstance(token, str) else None


def _token() -> str | None:
    if not getattr(_request, "active", False):
        return _read_token()
    if _request.token is None:
        _request.token = _read_token()
    token: str | None = _request.token
    return token


def local_copy(kind: str, key: Hashable, build: Callable[[], T]) -> T:
    """`build()`'s value for (kind, key), from this process's copy while it is current."""
    token = _token()
    if token is None:
        return build()
    now = time.monotonic()
    hit = _copies.get((kind, key))
    if hit is not None and hit[0] == token and now - hit[1] < MAX_AGE:
        value: T = hit[2]
        return value
    value = build()
    _copies[(kind, key)] = (token, now, value)
    return value


def _drop_token() -> None:
    _request.token = None
    cache.delete(CACHE_KEY)


def forget(*_args: object, **_kwargs: object) -> None:
    """Invalidate every process's copies (signal receiver: any sender, any arguments).

    Dropped now (this process and any reader after) and again after the commit: a process
    that rebuilt its copy between the two from not-yet-committed data does not keep it.
    """
    _copies.clear()
    _request.token = None
    _drop_token()
    transaction.on_commit(_drop_token)
