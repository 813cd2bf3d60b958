"""Reading cube rows for a date range: whole Jalali months from monthly rows, the rest daily;
province totals from the province rows where they exist."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from shahrvand.analytics import periods
from shahrvand.analytics.aggregate import Totals, span_q
from shahrvand.analytics.cache import read_totals
from shahrvand.analytics.models import PROVINCE_DIMENSIONS, DailyCube, MonthlyCube


def scope(municipality_id: int | None, dimension: str, group: Sequence[str]) -> dict[str, Any]:
    """The filter picking one municipality's rows, or the province: its total rows when the
    dimension has them and the answer is not split by municipality, else every
    municipality's rows (never both, which would count twice)."""
    if municipality_id is not None:
        return {"municipality_id": municipality_id}
    use_total = dimension in PROVINCE_DIMENSIONS and "municipality_id" not in group
    return {"municipality__isnull": use_total}


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
    base: dict[str, Any] = {"dimension": dimension, **scope(municipality_id, dimension, group)}
    if keys is not None:
        base["key__in"] = list(keys)
    if months:
        read_totals(MonthlyCube.objects.filter(month__in=months, **base), group, out)
    if spans:
        read_totals(DailyCube.objects.filter(span_q(spans), **base), group, out)
    return out
