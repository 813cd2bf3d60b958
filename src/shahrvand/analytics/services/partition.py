"""Recompute the rollup rows of (day, municipality) partitions from the raw reports."""

from __future__ import annotations

import datetime as dt
import uuid
import zlib
from collections import defaultdict
from collections.abc import Iterable
from typing import Any
from zoneinfo import ZoneInfo

import h3
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Sum

from shahrvand.analytics import facts, periods
from shahrvand.analytics.aggregate import Totals, accumulate, to_fields
from shahrvand.analytics.models import (
    PROVINCE_DIMENSIONS,
    DailyCube,
    DailyRollup,
    Dimension,
    HexDaily,
    HexMonthly,
    MonthlyCube,
    RollupState,
)
from shahrvand.reports.models import Report, ReportEvent

_EVENT_KINDS = (ReportEvent.Kind.STATUS, ReportEvent.Kind.FEEDBACK, ReportEvent.Kind.CATEGORY)


def local_tz() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_bounds(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    tz = local_tz()
    return (
        dt.datetime.combine(first, dt.time.min, tzinfo=tz),
        dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def lock_municipality(municipality_id: int | None) -> None:
    """Serialise rebuilders of one municipality, or of the province totals (None), with a
    PostgreSQL transaction-level advisory lock (SQLite allows one writer anyway).
    Rebuilds are idempotent besides."""
    if connection.vendor == "postgresql":
        key = zlib.crc32(f"analytics:{municipality_id or 'province'}".encode())
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def bump_generation() -> None:
    """Mark the rollups changed (call inside the writing transaction): readers' cached
    results keyed by the previous token are never used again (analytics/cache.py)."""
    token = uuid.uuid4().hex
    if not RollupState.objects.filter(name="reports").update(generation=token):
        RollupState.objects.get_or_create(name="reports", defaults={"generation": token})


def unit_key(department_id: int | None, agency_id: int | None) -> str:
    if agency_id is not None:
        return f"agency:{agency_id}"
    if department_id is not None:
        return f"department:{department_id}"
    return "unassigned"


class _Parents:
    """Memoised H3 parent at the heat-map resolution."""

    def __init__(self) -> None:
        self.res: int = settings.SHAHRVAND_ANALYTICS_H3_RESOLUTION
        self.cache: dict[str, str] = {}

    def __call__(self, cell: str) -> str:
        parent = self.cache.get(cell)
        if parent is None:
            try:
                res = h3.get_resolution(cell)
                parent = cell if res <= self.res else str(h3.cell_to_parent(cell, self.res))
            except (ValueError, TypeError, h3.H3BaseException):
                parent = ""
            self.cache[cell] = parent
        return parent


def _compute(
    municipality_id: int, first: dt.date, last: dt.date, days: set[dt.date]
) -> dict[dt.date, dict[str, Any]]:
    start, end = day_bounds(first, last)
    rows = list(
        Report.objects.filter(
            municipality_id=municipality_id, created_at__gte=start, created_at__lt=end
        )
        .order_by()
        .values_list(*facts.REPORT_FIELDS)
    )
    events = (
        ReportEvent.objects.filter(
            report__municipality_id=municipality_id,
            report__created_at__gte=start,
            report__created_at__lt=end,
            kind__in=_EVENT_KINDS,
        )
        .order_by("created_at", "id")
        .values_list(
            "report_id", "kind", "from_status", "to_status", "created_at", "data", "actor_id"
        )
    )
    hist = facts.histories(events)
    tz = local_tz()
    parent = _Parents()
    out: dict[dt.date, dict[str, Any]] = {
        d: {"fine": defaultdict(facts.Acc), "cube": defaultdict(facts.Acc), "hex": defaultdict(int)}
        for d in days
    }
    for row in rows:
        day = row[1].astimezone(tz).date()
        part = out.get(day)
        if part is None:
            continue
        fact = facts.fact_of(row, hist.get(row[0]))
        _id, _c, district, dept, agency, std, channel = row[:7]
        facts.add_fact(part["fine"][(district, dept, agency, std, channel)], fact)
        cube = part["cube"]
        for key in (
            (Dimension.NONE.value, ""),
            (Dimension.UNIT.value, unit_key(dept, agency)),
            (Dimension.STANDARD.value, std),
            (Dimension.DISTRICT.value, str(district) if district is not None else ""),
            (Dimension.CHANNEL.value, channel),
        ):
            facts.add_fact(cube[key], fact)
        cell = parent(row[15]) if row[15] else ""
        if cell:
            part["hex"][(std, cell)] += 1
            part["hex"][("", cell)] += 1
    return out


def _write(municipality_id: int, parts: dict[dt.date, dict[str, Any]]) -> None:
    days = sorted(parts)
    DailyRollup.objects.filter(municipality_id=municipality_id, day__in=days).delete()
    DailyCube.objects.filter(municipality_id=municipality_id, day__in=days).delete()
    HexDaily.objects.filter(municipality_id=municipality_id, day__in=days).delete()
    fine, cube, hexes = [], [], []
    for day in days:
        part = parts[day]
        for (district, dept, agency, std, channel), acc in part["fine"].items():
            fine.append(
                DailyRollup(
                    day=day,
                    municipality_id=municipality_id,
                    district_id=district,
                    department_id=dept,
                    agency_id=agency,
                    standard_code=std,
                    channel=channel,
                    **acc.as_fields(),
                )
            )
        for (dimension, key), acc in part["cube"].items():
            cube.append(
                DailyCube(
                    day=day,
                    municipality_id=municipality_id,
                    dimension=dimension,
                    key=key,
                    **acc.as_fields(),
                )
            )
        for (std, cell), count in part["hex"].items():
            hexes.append(
                HexDaily(
                    day=day,
                    municipality_id=municipality_id,
                    standard_code=std,
                    cell=cell,
                    count=count,
                )
            )
    DailyRollup.objects.bulk_create(fine, batch_size=2000)
    DailyCube.objects.bulk_create(cube, batch_size=2000)
    HexDaily.objects.bulk_create(hexes, batch_size=2000)


def _runs(days: Iterable[dt.date], max_span: int = 31) -> list[list[dt.date]]:
    """Consecutive days grouped into runs of at most `max_span` days, one query each."""
    runs: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if runs and (day - runs[-1][-1]).days == 1 and (day - runs[-1][0]).days < max_span:
            runs[-1].append(day)
        else:
            runs.append([day])
    return runs


def rebuild_days(
    *,
    municipality_id: int,
    days: Iterable[dt.date],
    province: bool = True,
    python: bool = False,
) -> int:
    """Recompute the given (day, municipality) partitions, then the Jalali months they
    fall in, then (unless `province=False`, for a caller that does it once at the end) the
    province totals of those days. Each run of consecutive days is one transaction (so each
    partition is all or nothing); returns the number of partitions rebuilt. On PostgreSQL
    the set-based builder (partition_sql.py) does the partitions unless `python=True`
    (the per-report builder, SQLite's; the tests compare the two)."""
    count = 0
    months: set[dt.date] = set()
    days = sorted(set(days))
    for run in _runs(days):
        with transaction.atomic():
            lock_municipality(municipality_id)
            if connection.vendor == "postgresql" and not python:
                from .partition_sql import rebuild_run  # it imports this module

                rebuild_run(municipality_id, run[0], run[-1])
            else:
                _write(municipality_id, _compute(municipality_id, run[0], run[-1], set(run)))
            bump_generation()
        count += len(run)
        months.update(periods.month_start(d) for d in run)
    for month in sorted(months):
        rebuild_month(municipality_id=municipality_id, month=month)
    if province:
        rebuild_province(days=days)
    return count


def rebuild_province(*, days: Iterable[dt.date]) -> None:
    """Province totals (municipality NULL) of the given days and of their Jalali months,
    summed from the municipalities' rows of the dimensions shared by all."""
    months: set[dt.date] = set()
    for run in _runs(days):
        with transaction.atomic():
            lock_municipality(None)
            totals: dict[tuple[Any, ...], Totals] = {}
            accumulate(
                DailyCube.objects.filter(
                    municipality__isnull=False,
                    day__gte=run[0],
                    day__lte=run[-1],
                    dimension__in=PROVINCE_DIMENSIONS,
                ),
                ("day", "dimension", "key"),
                totals,
            )
            DailyCube.objects.filter(
                municipality__isnull=True, day__gte=run[0], day__lte=run[-1]
            ).delete()
            DailyCube.objects.bulk_create(
                [
                    DailyCube(day=day, municipality_id=None, dimension=dim, key=key, **to_fields(t))
                    for (day, dim, key), t in totals.items()
                ],
                batch_size=2000,
            )
            bump_generation()
        months.update(periods.month_start(d) for d in run)
    for month in sorted(months):
        rebuild_month(municipality_id=None, month=month)


@transaction.atomic
def rebuild_month(*, municipality_id: int | None, month: dt.date) -> None:
    """Monthly rows of one Jalali month (of a municipality, or the province totals), as the
    exact sum of its daily rows."""
    lock_municipality(municipality_id)
    bump_generation()
    end = periods.next_month_start(month)
    totals: dict[tuple[Any, ...], Totals] = {}
    which: dict[str, Any] = (
        {"municipality__isnull": True}
        if municipality_id is None
        else {"municipality_id": municipality_id}
    )
    accumulate(
        DailyCube.objects.filter(day__gte=month, day__lt=end, **which),
        ("dimension", "key"),
        totals,
    )
    MonthlyCube.objects.filter(month=month, **which).delete()
    MonthlyCube.objects.bulk_create(
        [
            MonthlyCube(
                month=month, municipality_id=municipality_id, dimension=dim, key=key, **to_fields(t)
            )
            for (dim, key), t in totals.items()
        ],
        batch_size=2000,
    )
    if municipality_id is None:
        return
    HexMonthly.objects.filter(municipality_id=municipality_id, month=month).delete()
    hex_rows = (
        HexDaily.objects.filter(municipality_id=municipality_id, day__gte=month, day__lt=end)
        .order_by()
        .values("standard_code", "cell")
        .annotate(total=Sum("count"))
    )
    HexMonthly.objects.bulk_create(
        [
            HexMonthly(
                month=month,
                municipality_id=municipality_id,
                standard_code=r["standard_code"],
                cell=r["cell"],
                count=r["total"],
            )
            for r in hex_rows
        ],
        batch_size=2000,
    )
