"""Reading rollup rows: sums of the counters in SQL, histograms merged exactly in Python."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet, Sum

from shahrvand.analytics import facts, histogram, periods
from shahrvand.analytics.models import DailyCube, MonthlyCube


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
        for rh, fh in qs.values_list("resolve_hist", "response_hist"):
            histogram.merge_into(totals.resolve, rh or {})
            histogram.merge_into(totals.response, fh or {})
        return
    for row in qs.values(*group).annotate(**_SUMS):
        key = tuple(row[g] for g in group)
        out.setdefault(key, Totals()).add_counts(row)
    width = len(group)
    for values in qs.values_list(*group, "resolve_hist", "response_hist"):
        totals = out[tuple(values[:width])]
        if values[width]:
            histogram.merge_into(totals.resolve, values[width])
        if values[width + 1]:
            histogram.merge_into(totals.response, values[width + 1])


def cube_totals(
    *,
    municipality_id: int | None,
    date_from: dt.date,
    date_to: dt.date,
    dimension: str,
    group: Sequence[str] = ("key",),
    keys: Iterable[str] | None = None,
) -> dict[tuple[Any, ...], Totals]:
    """Totals of one cube dimension over [date_from, date_to]: monthly rows for whole
    Jalali months, daily rows for the rest."""
    months, spans = periods.split_range(date_from, date_to)
    out: dict[tuple[Any, ...], Totals] = {}
    base: dict[str, Any] = {"dimension": dimension}
    if municipality_id is not None:
        base["municipality_id"] = municipality_id
    if keys is not None:
        base["key__in"] = list(keys)
    if months:
        accumulate(MonthlyCube.objects.filter(month__in=months, **base), group, out)
    if spans:
        accumulate(DailyCube.objects.filter(span_q(spans), **base), group, out)
    return out
