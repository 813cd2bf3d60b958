"""Heat-map hexagons and district choropleth counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import h3
from django.conf import settings
from django.db.models import QuerySet, Sum

from shahrvand.analytics import periods
from shahrvand.analytics.aggregate import span_q
from shahrvand.analytics.models import DailyRollup, Dimension, HexDaily, HexMonthly
from shahrvand.tenancy.models import District, Municipality

from ._read import cube_totals
from .kpis import check_range
from .types import DistrictCount, HexCount


def hex_counts(
    *,
    municipality: Municipality | None,
    date_from: dt.date,
    date_to: dt.date,
    standard_code: str | None = None,
    resolution: int | None = None,
) -> list[HexCount]:
    """Reports received per H3 cell (most first). `resolution` defaults to, and may not
    exceed, settings.SHAHRVAND_ANALYTICS_H3_RESOLUTION (finer values are clamped to it)."""
    check_range(date_from, date_to)
    stored: int = settings.SHAHRVAND_ANALYTICS_H3_RESOLUTION
    res = stored if resolution is None else max(0, min(resolution, stored))
    base: dict[str, Any] = {"standard_code": standard_code or ""}
    if municipality is not None:
        base["municipality"] = municipality
    months, spans = periods.split_range(date_from, date_to)
    counts: dict[str, int] = {}
    queries: list[QuerySet[Any]] = []
    if months:
        queries.append(HexMonthly.objects.filter(month__in=months, **base))
    if spans:
        queries.append(HexDaily.objects.filter(span_q(spans), **base))
    for qs in queries:
        for cell, n in (
            qs.order_by().values("cell").annotate(n=Sum("count")).values_list("cell", "n")
        ):
            key = cell if res == stored else str(h3.cell_to_parent(cell, res))
            counts[key] = counts.get(key, 0) + n
    return [HexCount(c, n) for c, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def district_counts(
    *,
    municipality: Municipality,
    date_from: dt.date,
    date_to: dt.date,
    standard_code: str | None = None,
) -> list[DistrictCount]:
    """Every district of the municipality (also those with none), by district number."""
    check_range(date_from, date_to)
    received: dict[str, int] = {}
    open_: dict[str, int] = {}
    if standard_code:
        rows = (
            DailyRollup.objects.filter(
                span_q([(date_from, date_to)]),
                municipality=municipality,
                standard_code=standard_code,
            )
            .order_by()
            .values("district_id")
            .annotate(r=Sum("received"), o=Sum("open"))
        )
        for row in rows:
            received[str(row["district_id"])] = row["r"]
            open_[str(row["district_id"])] = row["o"]
    else:
        for (key,), t in cube_totals(
            municipality_id=municipality.pk,
            date_from=date_from,
            date_to=date_to,
            dimension=Dimension.DISTRICT,
        ).items():
            received[key] = t.counts["received"]
            open_[key] = t.counts["open"]
    return [
        DistrictCount(
            district_id=d.pk,
            number=d.number,
            name_fa=d.name_fa,
            received=received.get(str(d.pk), 0),
            open=open_.get(str(d.pk), 0),
            population=d.population,
            per_10k=round(received.get(str(d.pk), 0) * 10_000 / d.population, 2)
            if d.population
            else None,
        )
        for d in District.objects.filter(municipality=municipality).order_by("number")
    ]
