"""Building the rollups: everything at once, or only what changed since the watermark."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from shahrvand.analytics.models import (
    DailyCube,
    DailyRollup,
    HexDaily,
    HexMonthly,
    MonthlyCube,
    RollupState,
)
from shahrvand.reports.models import Report

from .partition import bump_generation, local_tz, rebuild_days, rebuild_province

STATE = "reports"
# Reports saved by a transaction that began before a run but committed after it carry an
# `updated_at` just below the new watermark; looking back this far catches them again
# (rebuilding a partition twice is harmless: it is replaced as a whole).
OVERLAP = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class RefreshResult:
    full: bool
    partitions: int
    municipalities: int
    watermark: dt.datetime


def _state() -> RollupState:
    state, _ = RollupState.objects.get_or_create(name=STATE)
    return state


def _save_state(started: dt.datetime, partitions: int) -> None:
    RollupState.objects.filter(name=STATE).update(
        watermark=started, last_run_at=timezone.now(), last_partitions=partitions
    )


def build_all(*, municipality_ids: list[int] | None = None) -> RefreshResult:
    """Rebuild every partition (of the given municipalities, or all), month by month."""
    state = _state()
    started = timezone.now()
    reports = Report.objects.order_by()
    if municipality_ids is not None:
        reports = reports.filter(municipality_id__in=municipality_ids)
    else:
        with transaction.atomic():
            for model in (DailyRollup, DailyCube, MonthlyCube, HexDaily, HexMonthly):
                model.objects.all().delete()
            bump_generation()
    tz = local_tz()
    spans = reports.values("municipality_id").annotate(lo=Min("created_at"), hi=Max("created_at"))
    partitions = 0
    all_days: set[dt.date] = set()
    for span in spans:
        first, last = span["lo"].astimezone(tz).date(), span["hi"].astimezone(tz).date()
        days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
        partitions += rebuild_days(
            municipality_id=span["municipality_id"], days=days, province=False
        )
        all_days.update(days)
    rebuild_province(days=all_days)
    if municipality_ids is None:
        _save_state(started, partitions)
    else:
        state.refresh_from_db()
    return RefreshResult(True, partitions, len(spans), started)


def refresh_changed() -> RefreshResult:
    """Rebuild only the (day, municipality) partitions holding reports saved since the
    watermark; the first run builds everything."""
    state = _state()
    if state.watermark is None:
        return build_all()
    started = timezone.now()
    tz = local_tz()
    touched: dict[int, set[dt.date]] = defaultdict(set)
    changed = (
        Report.objects.filter(updated_at__gt=state.watermark - OVERLAP)
        .order_by()
        .values_list("municipality_id", "created_at")
    )
    for municipality_id, created in changed.iterator(chunk_size=5000):
        touched[municipality_id].add(created.astimezone(tz).date())
    partitions = sum(
        rebuild_days(municipality_id=m, days=days, province=False)
        for m, days in sorted(touched.items())
    )
    rebuild_province(days=set().union(*touched.values()))
    _save_state(started, partitions)
    return RefreshResult(False, partitions, len(touched), started)
