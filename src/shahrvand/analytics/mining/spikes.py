"""Emerging spikes: a standard code's count on one local day far above the same weekday of
the previous weeks in the same municipality (docs/mining.md, "Emerging spikes")."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count

from shahrvand.reports.models import Report

from .stats import mean_sd, poisson_tail
from .window import day_bounds

WEEKS = 6  # baseline: the same weekday in each of the previous six weeks
K_SD = 3.0  # the count must exceed mean + 3 standard deviations of the baseline ...
ALPHA = 0.001  # ... and be improbable under Poisson(mean): P(X >= count) < 0.001
MIN_COUNT = 5  # and be at least this many reports
MU_FLOOR = 0.5  # a code never seen on that weekday is expected at 0.5 a day, not 0


@dataclass(frozen=True)
class Spike:
    municipality_id: int
    code: str
    day: dt.date
    observed: int
    expected: float
    baseline_sd: float
    threshold: int
    p_value: float


def spike_threshold(
    mean: float, sd: float, *, k: float = K_SD, alpha: float = ALPHA, min_count: int = MIN_COUNT
) -> int:
    """The smallest daily count that is a spike against a baseline of (mean, sd)."""
    mu = max(mean, MU_FLOOR)
    count = max(min_count, int(mean + k * sd) + 1)
    while poisson_tail(count, mu) >= alpha:
        count += 1
    return count


def _day_counts(day: dt.date, municipality_ids: list[int] | None) -> dict[tuple[int, str], int]:
    start, end = day_bounds(day)
    rows = Report.objects.filter(
        created_at__gte=start, created_at__lt=end, duplicate_of__isnull=True
    )
    if municipality_ids is not None:
        rows = rows.filter(municipality_id__in=municipality_ids)
    grouped = rows.values("municipality_id", "standard_id").annotate(n=Count("id")).order_by()
    return {(r["municipality_id"], r["standard_id"]): r["n"] for r in grouped}


def detect_spikes(
    *, day: dt.date, municipality_ids: list[int] | None = None, weeks: int = WEEKS
) -> list[Spike]:
    """Spikes on `day` (a local date), one per municipality and code. Runs weeks + 1
    grouped counting queries over single days, whatever the number of reports."""
    today = _day_counts(day, municipality_ids)
    baseline: dict[tuple[int, str], list[int]] = defaultdict(lambda: [0] * weeks)
    for week in range(1, weeks + 1):
        for key, n in _day_counts(day - dt.timedelta(weeks=week), municipality_ids).items():
            baseline[key][week - 1] = n
    found: list[Spike] = []
    for (municipality_id, code), observed in sorted(today.items()):
        mean, sd = mean_sd(baseline[(municipality_id, code)])  # weeks without any: zero
        threshold = spike_threshold(mean, sd)
        if observed >= threshold:
            p = poisson_tail(observed, max(mean, MU_FLOOR))
            found.append(Spike(municipality_id, code, day, observed, mean, sd, threshold, p))
    return found
