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
    for which, *key, bucket, count in hist_sums(qs, group):
        for i in dates:  # SQLite hands back dates as text
            if isinstance(key[i], str):
                key[i] = dt.date.fromisoformat(key[i])
        totals = out[tuple(key)]
        target = totals.resolve if which == "r" else totals.response
        target[int(bucket)] = target.get(int(bucket), 0) + int(count)


def hist_sums(qs: QuerySet[Any], group: Sequence[str]) -> list[tuple[Any, ...]]:
    """("r" for resolve or "f" for first response, group values…, bucket, count), summed in
    the database: the stored histograms are unnested with the JSON functions of PostgreSQL
    or SQLite, so Python never parses the (many) JSON documents; the rows are read once."""
    inner, params = (
        qs.order_by().values(*group, "resolve_hist", "response_hist").query.sql_with_params()
    )
    cols = ", ".join(f"t.{connection.ops.quote_name(g)}" for g in group)
    lead = f"{cols}, " if cols else ""
    func = "jsonb_each_text" if connection.vendor == "postgresql" else "json_each"
    # Only our own column names are interpolated; values stay bound parameters.
    parts = [
        f"SELECT '{tag}', {lead}e.key, SUM(CAST(e.value AS integer)) "  # noqa: S608 # nosec B608
        f"FROM t, {func}(t.{column}) e GROUP BY {lead}e.key"
        for tag, column in (("r", "resolve_hist"), ("f", "response_hist"))
    ]
    sql = f"WITH t AS ({inner}) {parts[0]} UNION ALL {parts[1]}"
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def to_fields(t: Totals) -> dict[str, Any]:
    """Model field values (analytics.models.KpiCounts) of a total."""
    return t.counts | {
        "resolve_hist": histogram.to_json(t.resolve),
        "response_hist": histogram.to_json(t.response),
    }
