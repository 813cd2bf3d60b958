"""Read-only timings of the mining detectors and the open data export on a large database.

Usage (against the 5,000,000-report database built by bench/analytics/run.py):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shv_bench_analytics \
        .venv/bin/python bench/mining/run.py [--repeat 3]
Nothing is written: spikes are detected, not raised; exports are consumed and dropped.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")

import django

django.setup()

from django.db.models import Count, Max  # noqa: E402

from shahrvand.analytics.exports import opendata  # noqa: E402
from shahrvand.analytics.mining.hotspots import find_hotspots  # noqa: E402
from shahrvand.analytics.mining.recurring import find_recurring  # noqa: E402
from shahrvand.analytics.mining.selectors import descriptions  # noqa: E402
from shahrvand.analytics.mining.spikes import detect_spikes  # noqa: E402
from shahrvand.analytics.mining.textmining import clusters, top_terms  # noqa: E402
from shahrvand.analytics.mining.window import Window, local_zone  # noqa: E402
from shahrvand.reports.models import Report  # noqa: E402
from shahrvand.tenancy.models import Municipality  # noqa: E402


def timed(label: str, repeat: int, fn: Callable[[], Any]) -> None:
    runs, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        runs.append(time.perf_counter() - start)
    size = len(result) if hasattr(result, "__len__") else result
    print(f"{label:55s} median {statistics.median(runs):7.3f} s  max {max(runs):7.3f} s  -> {size}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    last = Report.objects.aggregate(m=Max("created_at"))["m"].astimezone(local_zone()).date()
    busiest = (
        Report.objects.values("municipality_id").annotate(n=Count("id")).order_by("-n").first()
    )
    muni = Municipality.objects.get(pk=busiest["municipality_id"])
    total = Report.objects.count()
    print(
        f"{total:,} reports; busiest municipality {muni.slug} ({busiest['n']:,}); last day {last}"
    )
    for days in (7, 30):
        w = Window.ending(last, days)
        timed(
            f"hotspots, {muni.slug}, {days} days",
            args.repeat,
            lambda w=w: find_hotspots(municipality_id=muni.pk, window=w),
        )
        timed(
            f"recurring places, {muni.slug}, {days} days",
            args.repeat,
            lambda w=w: find_recurring(municipality_id=muni.pk, window=w),
        )
    timed(
        "spikes, one day, all municipalities (7 day-queries)",
        args.repeat,
        lambda: detect_spikes(day=last),
    )
    w = Window.ending(last, 30)
    docs = descriptions(muni, w)
    timed(f"terms, {len(docs)} descriptions", args.repeat, lambda: top_terms([t for _, t in docs]))
    timed(f"clusters, {len(docs)} descriptions", args.repeat, lambda: clusters(docs))
    first = last - dt.timedelta(days=6)

    def export() -> int:
        rows = opendata.rows(municipality=muni, first=first, last=last)
        return sum(len(chunk) for chunk in opendata.stream_csv(rows))

    timed(f"open data CSV, {muni.slug}, 7 days (bytes)", args.repeat, export)


if __name__ == "__main__":
    main()
