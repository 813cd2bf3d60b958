"""Adding rollup rows up: counters summed in SQL, histograms merged exactly (also in SQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet, Sum

from shahrvand.analytics import facts, histogram


@dataclass
class Totals:
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(facts.COUNTER_FIELDS, 0))
    resolve: dict[int, int] = field(default_factory=dict)
    response: dict[int, int] = field(default_factory=dict)

    def add_counts(self, row: dict[str, Any]) -> None:
        for name in facts.COUNTER_FIELDS:
            self.counts[name] += row[name] or 0

    def add(self, other: Totals) -> None:
        self.add_counts(other.counts)
        histogram.merge_into(self.resolve, {str(k): v for k, v in other.resolve.items()})
        histogram.merge_into(self.response, {str(k): v for k, v in other.response.items()})


_SUMS = {name: Sum(name) for name in facts.COUNTER_FIELDS}


def span_q(spans: Sequence[tuple[dt.date, dt.date]], name: str = "day") -> Q:
    q = Q(pk__in=[])
    for first, last in spans:
        q |= Q(**{f"{name}__gte": first, f"{name}__lte": last})
    return q


def accumulate(qs: QuerySet[Any], group: Sequence[str], out: dict[tuple[Any, ...], Totals]) -> None:
    """Add the rows of `qs`, grouped by the `group` fields, into `out`."""
    qs = qs.order_by()
    if not group:
        row = qs.aggregate(**_SUMS)
        if row["received"] is None:
            return
        totals = out.setdefault((), Totals())
        totals.add_counts(row)
    else:
        for row in qs.values(*group).annotate(**_SUMS):
            out.setdefault(tuple(row[g] for g in group), Totals()).add_counts(row)
    dates = [i for i, g in enumerate(group) if g in ("day", "month")]
    for name in ("resolve", "response"):
        for *key, bucket, count in hist_sums(qs, group, f"{name}_hist"):
            for i in dates:  # SQLite hands back dates as text
                if isinstance(key[i], str):
                    key[i] = dt.date.fromisoformat(key[i])
            target: dict[int, int] = getattr(out[tuple(key)], name)
            target[int(bucket)] = target.get(int(bucket), 0) + int(count)


def hist_sums(qs: QuerySet[Any], group: Sequence[str], column: str) -> list[tuple[Any, ...]]:
    """(group values…, bucket, count) summed in the database: each stored histogram is
    unnested with the JSON functions of PostgreSQL or SQLite, so Python never parses the
    (many) JSON documents."""
    inner, params = qs.order_by().values(*group, column).query.sql_with_params()
    cols = ", ".join(f"t.{connection.ops.quote_name(g)}" for g in group)
    each = (
        f"jsonb_each_text(t.{column})"
        if connection.vendor == "postgresql"
        else f"json_each(t.{column})"
    )
    lead = f"{cols}, " if cols else ""
    # Only our own column names are interpolated; values stay bound parameters.
    sql = (
        f"SELECT {lead}e.key, SUM(CAST(e.value AS integer)) FROM ({inner}) t, {each} e "  # noqa: S608
        f"GROUP BY {lead}e.key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def to_fields(t: Totals) -> dict[str, Any]:
    """Model field values (analytics.models.KpiCounts) of a total."""
    return t.counts | {
        "resolve_hist": histogram.to_json(t.resolve),
        "response_hist": histogram.to_json(t.response),
    }
