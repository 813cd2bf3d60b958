"""Cached rollup reads, keyed by the rollup generation so they are never stale.

Every transaction that changes rollup rows writes a new random token into
`RollupState.generation` (services/partition.bump_generation) and commits it with the rows.
A read first fetches the token, then looks up (token, SQL of the query, grouping) in the
Django cache (Redis in production, shared by all processes). After a refresh the token is
new, so nothing cached before it is read again. A reader racing a refresh may compute from
the new rows and store under the old token; no later reader asks for the old token.

Only sums of rollup rows are cached, not labels (names of departments, categories), which
are read fresh each time. `SHAHRVAND_ANALYTICS_CACHE_SECONDS = 0` turns caching off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from shahrvand.analytics.aggregate import Totals, accumulate
from shahrvand.analytics.models import RollupState


def generation() -> str:
    token = RollupState.objects.filter(name="reports").values_list("generation", flat=True)
    return token.first() or ""


def _key(token: str, qs: QuerySet[Any], group: Sequence[str]) -> str:
    sql, params = qs.order_by().query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params, tuple(group))).encode()).hexdigest()
    return f"analytics:{token}:{digest}"


def read_totals(
    qs: QuerySet[Any], group: Sequence[str], out: dict[tuple[Any, ...], Totals]
) -> None:
    """`aggregate.accumulate(qs, group, out)` through the cache."""
    seconds: int = settings.SHAHRVAND_ANALYTICS_CACHE_SECONDS
    token = generation() if seconds > 0 else ""
    if not token:
        accumulate(qs, group, out)
        return
    key = _key(token, qs, group)
    found: dict[tuple[Any, ...], Totals] | None = cache.get(key)
    if found is None:
        found = {}
        accumulate(qs, group, found)
        cache.set(key, found, seconds)
    for k, totals in found.items():
        target = out.get(k)
        if target is None:
            out[k] = Totals(dict(totals.counts), dict(totals.resolve), dict(totals.response))
        else:
            target.add(totals)
