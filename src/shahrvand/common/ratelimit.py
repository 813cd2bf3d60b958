"""Fixed-window rate limits on the shared cache (Redis in production, memory in the default)."""

from __future__ import annotations

import time

from django.core.cache import cache


def parse_rate(rate: str) -> tuple[int, int]:
    """'60/m' → (60, 60). Units: s, m, h, d."""
    count, _, unit = rate.partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit.strip()[:1] or "m"]
    return int(count), seconds


def allow(scope: str, ident: str, rate: str) -> tuple[bool, int]:
    """Count one hit for `ident` in `scope`; return (allowed, seconds until the window resets)."""
    limit, window = parse_rate(rate)
    now = int(time.time())
    start = now - now % window
    key = f"rl:{scope}:{ident}:{start}"
    count_hit = getattr(cache, "count_hit", None)  # Redis: one round trip (common.cache)
    if count_hit is not None:
        hits = count_hit(key, window + 1)
    elif cache.add(key, 1, timeout=window + 1):
        hits = 1
    else:
        try:
            hits = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 1)
            hits = 1
    return hits <= limit, start + window - now
