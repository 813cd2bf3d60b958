"""Per-process copies of the small tables every report intake reads (district shapes,
routing rules), valid while one shared token in the cache is unchanged.

A use costs one cache GET instead of the queries (and, for districts, building the
polygons again). Every save or delete of a row they depend on calls `forget` (signals,
connected in shahrvand.routing.apps), which drops the token at once and again after the
commit, so a process never keeps a copy past its next use; a copy is also rebuilt after
MAX_AGE seconds. While the shared cache is down nothing is kept: every use reads the
database, as before.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db import transaction

CACHE_KEY = "shv:localcopy-token"
MAX_AGE = 300.0
T = TypeVar("T")

_copies: dict[tuple[str, int], tuple[str, float, Any]] = {}


def _token() -> str | None:
    token = cache.get(CACHE_KEY)
    if token is None:
        cache.add(CACHE_KEY, uuid.uuid4().hex, None)
        token = cache.get(CACHE_KEY)
    return token if isinstance(token, str) else None


def local_copy(kind: str, key: int, build: Callable[[], T]) -> T:
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
    cache.delete(CACHE_KEY)


def forget(*_args: object, **_kwargs: object) -> None:
    """Invalidate every process's copies (signal receiver: any sender, any arguments).

    Dropped now (this process and any reader after) and again after the commit: a process
    that rebuilt its copy between the two from not-yet-committed data does not keep it.
    """
    _copies.clear()
    _drop_token()
    transaction.on_commit(_drop_token)
