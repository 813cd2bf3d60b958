"""Trends by Jalali week or month, and the backlog of open reports by age."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Sum
from django.utils import timezone

from shahrvand.analytics import histogram, periods
from shahrvand.analytics.aggregate import Totals, span_q
from shahrvand.analytics.cache import read_totals
from shahrvand.analytics.models import DailyCube, Dimension, MonthlyCube
from shahrvand.common.persian import to_persian_digits
from shahrvand.tenancy.models import Municipality

from ._read import scope
from .kpis import check_range
from .types import BacklogBucket, Period, TrendPoint

# Age buckets of open reports, in days since received: (key, label, min, max).
AGE_BUCKETS: tuple[tuple[str, str, int, int | None], ...] = (
    ("0-2", "تا ۲ روز", 0, 2),
    ("3-7", "۳ تا ۷ روز", 3, 7),
    ("8-30", "۸ تا ۳۰ روز", 8, 30),
    ("31-90", "۳۱ تا ۹۰ روز", 31, 90),
    ("91+", "بیش از ۹۰ روز", 91, None),
)


def _point(start: dt.date, end: dt.date, label: str, t: Totals) -> TrendPoint:
    c = t.counts
    pct = round(c["within_deadline"] * 100 / c["with_deadline"], 2) if c["with_deadline"] else None
    return TrendPoint(
        start=start,
        end=end,
        label_fa=label,
        received=c["received"],
        open=c["open"],
        closed=c["closed"],
        closed_within_deadline_pct=pct,
        median_hours_to_resolve=histogram.percentile(t.resolve, 50),
    )


def trend(
    *,
    municipality: Municipality | None,
    date_from: dt.date,
    date_to: dt.date,
    period: Period,
    standard_code: str | None = None,
) -> list[TrendPoint]:
    """One point per Jalali week or month touching [date_from, date_to] (each clipped to
    the range), oldest first, including periods with no reports."""
    check_range(date_from, date_to)
    base: dict[str, Any] = (
        {"dimension": Dimension.STANDARD, "key": standard_code}
        if standard_code
        else {"dimension": Dimension.NONE}
    )
    base |= scope(municipality.pk if municipality else None, base["dimension"], ())
    by_day: dict[tuple[Any, ...], Totals] = {}
    if period == "month":
        months, spans = periods.split_range(date_from, date_to)
        if months:
            read_totals(MonthlyCube.objects.filter(month__in=months, **base), ("month",), by_day)
        if spans:
            read_totals(DailyCube.objects.filter(span_q(spans), **base), ("day",), by_day)
        start_of = periods.month_start
    else:
        read_totals(
            DailyCube.objects.filter(span_q([(date_from, date_to)]), **base), ("day",), by_day
        )
        start_of = periods.week_start
    buckets: dict[dt.date, Totals] = {}
    for (day,), t in by_day.items():
        buckets.setdefault(start_of(day), Totals()).add(t)
    points = []
    start = start_of(date_from)
    while start <= date_to:
        following = (
            periods.next_month_start(start) if period == "month" else start + dt.timedelta(days=7)
        )
        first, last = max(start, date_from), min(following - dt.timedelta(days=1), date_to)
        if period == "month":
            label = periods.month_label(start)
        else:
            label = "هفته " + to_persian_digits(periods.jalali_short(start))
        points.append(_point(first, last, label, buckets.get(start, Totals())))
        start = following
    return points


def backlog_by_age(
    *,
    municipality: Municipality | None,
    as_of: dt.date | None = None,
    unit: str | None = None,
) -> list[BacklogBucket]:
    """Reports still open now, by age in days on `as_of` (default today); optionally of one
    unit (a department:/agency: key as in KpiRow.key)."""
    today = as_of or timezone.localdate()
    qs = DailyCube.objects.filter(day__lte=today, open__gt=0)
    dimension = Dimension.UNIT if unit else Dimension.NONE
    qs = qs.filter(
        dimension=dimension, **scope(municipality.pk if municipality else None, dimension, ())
    )
    if unit:
        qs = qs.filter(key=unit)
    counts = dict.fromkeys([b[0] for b in AGE_BUCKETS], 0)
    for row in qs.order_by().values("day").annotate(n=Sum("open")):
        age = (today - row["day"]).days
        for key, _label, low, high in AGE_BUCKETS:
            if age >= low and (high is None or age <= high):
                counts[key] += row["n"]
                break
    return [BacklogBucket(k, label, low, high, counts[k]) for k, label, low, high in AGE_BUCKETS]
