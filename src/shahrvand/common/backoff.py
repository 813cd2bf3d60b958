"""Progressive delay after failures (decision 0033), counted in the shared cache — Redis in
production, so every web node sees the same counts.

A key may fail `free` times; after the n-th failure beyond that (n = 1, 2, ...) its next
attempt must wait 2^n seconds, up to `cap`. A count lapses `window` seconds after its last
failure; `clear` forgets it at once (after a success).
"""

from __future__ import annotations

import math
import time

from django.core.cache import cache

WINDOW = 3600
CAP = 900


def _count(key: str, window: int) -> int:
    count_hit = getattr(cache, "count_hit", None)  # Redis: one round trip (common.cache)
    if count_hit is not None:
        return int(count_hit(key, window))
    if cache.add(key, 1, timeout=window):
        return 1
    try:
        return int(cache.incr(key))
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return 1


def count(key: str, *, window: int = WINDOW) -> int:
    """Count one failure of `key` without any delay; return its failures so far."""
    return _count(f"bo:n:{key}", window)


def failures(key: str) -> int:
    """How many failures `key` has in its current window."""
    return int(cache.get(f"bo:n:{key}") or 0)


def wait(key: str) -> int:
    """Seconds before `key` may try again (0: now)."""
    until = cache.get(f"bo:until:{key}")
    if until is None:
        return 0
    return max(0, math.ceil(float(until) - time.time()))


def fail(key: str, *, free: int, cap: int = CAP, window: int = WINDOW) -> int:
    """Count one failure of `key`; return the delay its next attempt now owes (0: none)."""
    failed = _count(f"bo:n:{key}", window)
    if failed < free:
        return 0
    delay: int = min(2 ** (failed - free + 1), cap)
    cache.set(f"bo:until:{key}", time.time() + delay, timeout=delay + 1)
    return delay


def clear(key: str) -> None:
    cache.delete(f"bo:n:{key}")
    cache.delete(f"bo:until:{key}")
