"""The composite score of departments and outside agencies, and their fair league table.

A unit with two reports both closed in time scores 100, which says little. So (docs/kpis.md,
"Fair ranking"): every score carries its n and a 95 % interval, units are ranked only from
a minimum volume, and they are ranked by a score shrunk toward the municipality mean.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import replace

from django.conf import settings

from shahrvand.tenancy.models import Municipality

from .kpis import kpis
from .types import KpiRow, ScoreRow, UnitKind

DEFAULT_WEIGHTS: dict[str, float] = {
    "within_deadline": 0.35,
    "closure": 0.15,
    "reopen": 0.15,
    "acceptance": 0.15,
    "satisfaction": 0.20,
}
Z95 = 1.959964  # two-sided 95 %


def weights() -> dict[str, float]:
    configured = getattr(settings, "SHAHRVAND_ANALYTICS_SCORE_WEIGHTS", None) or DEFAULT_WEIGHTS
    return {k: float(v) for k, v in configured.items() if k in DEFAULT_WEIGHTS and v > 0}


def min_reports() -> int:
    """Units with fewer reports received in the period are listed but not ranked."""
    return int(getattr(settings, "SHAHRVAND_RANKING_MIN_REPORTS", 30))


def prior_reports() -> int:
    """m of the shrinkage: the municipality mean counts as m reports (docs/kpis.md)."""
    return int(getattr(settings, "SHAHRVAND_RANKING_PRIOR_REPORTS", 20))


def components(row: KpiRow) -> dict[str, float | None]:
    """Each scored KPI on a 0–100 scale, higher is better (docs/kpis.md, "Composite score")."""
    return {
        "within_deadline": row.closed_within_deadline_pct,
        "closure": round(row.closed * 100 / row.received, 2) if row.received else None,
        "reopen": round((1 - row.reopen_rate) * 100, 2) if row.reopen_rate is not None else None,
        "acceptance": round(row.acceptance_rate * 100, 2)
        if row.acceptance_rate is not None
        else None,
        "satisfaction": round((row.satisfaction_avg - 1) * 25, 2)
        if row.satisfaction_avg is not None
        else None,
    }


def proportions(row: KpiRow) -> dict[str, tuple[float, int]]:
    """Each component as (share 0–1, n) for its interval. Satisfaction 1–5 becomes
    (mean − 1) / 4 over the ratings: a variable on [0, 1] with mean p has variance at most
    p(1 − p) (Bhatia–Davis), so the Wilson interval of a share is a safe (wide) bound."""
    sat = row.satisfaction_avg
    return {
        "within_deadline": (row.within_deadline / row.with_deadline, row.with_deadline)
        if row.with_deadline
        else (0.0, 0),
        "closure": (row.closed / row.received, row.received) if row.received else (0.0, 0),
        "reopen": (1 - row.reopened / row.reopen_base, row.reopen_base)
        if row.reopen_base
        else (0.0, 0),
        "acceptance": (row.accepted / row.feedback, row.feedback) if row.feedback else (0.0, 0),
        "satisfaction": ((sat - 1) / 4, row.satisfaction_count)
        if sat is not None and row.satisfaction_count
        else (0.0, 0),
    }


def wilson(p: float, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of a share p observed over n (0–1), None when n = 0."""
    if n <= 0:
        return None
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(max(p * (1 - p), 0.0) / n + z2 / (4 * n * n))
    return max(0.0, centre - half), min(1.0, centre + half)


def score(parts: dict[str, float | None], w: dict[str, float]) -> float | None:
    """Weighted mean over the measurable components; None if none is measurable."""
    used = [(w[k], v) for k, v in parts.items() if v is not None and k in w]
    total = sum(weight for weight, _ in used)
    if not total:
        return None
    return round(sum(weight * v for weight, v in used) / total, 2)


def intervals(row: KpiRow) -> dict[str, tuple[float, float] | None]:
    """Each component's 95 % Wilson interval on the 0–100 scale."""
    out: dict[str, tuple[float, float] | None] = {}
    for key, (p, n) in proportions(row).items():
        bounds = wilson(p, n)
        out[key] = (
            None if bounds is None else (round(bounds[0] * 100, 2), round(bounds[1] * 100, 2))
        )
    return out


def score_interval(
    bounds: dict[str, tuple[float, float] | None], w: dict[str, float]
) -> tuple[float, float] | None:
    """The composite's interval: the same weighted mean of the components' lower and upper
    bounds. Exact if the components moved together, wider than the independent normal
    approximation otherwise (which collapses to a point at 0 % or 100 %)."""
    low = score({k: b[0] if b else None for k, b in bounds.items()}, w)
    high = score({k: b[1] if b else None for k, b in bounds.items()}, w)
    return None if low is None or high is None else (low, high)


def shrink(value: float, n: int, mean: float, m: int) -> float:
    """Bayesian average (n·value + m·mean) / (n + m): few reports stay near the mean."""
    return round((n * value + m * mean) / (n + m), 2) if n + m else round(mean, 2)


def prior_mean(scored: list[tuple[float, int]]) -> float | None:
    """The municipality mean: every scored unit's score weighted by its reports received."""
    total = sum(n for _, n in scored)
    return sum(v * n for v, n in scored) / total if total else None


def league_table(
    *, municipality: Municipality | None, date_from: dt.date, date_to: dt.date
) -> list[ScoreRow]:
    """Ranked units first (rank 1 = best shrunk score), then the unranked ones — too few
    reports or nothing measurable — by reports received. Reports not yet assigned are
    left out."""
    w = weights()
    rows = [
        r
        for r in kpis(
            municipality=municipality, date_from=date_from, date_to=date_to, group_by="department"
        )
        if r.key != "unassigned"
    ]
    raw = {r.key: score(components(r), w) for r in rows}
    mean = prior_mean([(v, r.received) for r in rows if (v := raw[r.key]) is not None])
    m, floor = prior_reports(), min_reports()

    def line(row: KpiRow, rank: int | None) -> ScoreRow:
        kind: UnitKind = "agency" if row.key.startswith("agency:") else "department"
        value = raw[row.key]
        bounds = intervals(row)
        band = score_interval(bounds, w)
        return ScoreRow(
            rank=rank,
            key=row.key,
            kind=kind,
            label_fa=row.label_fa,
            municipality_slug=row.municipality_slug,
            score=value,
            components=components(row),
            kpi=row,
            shrunk_score=None
            if value is None or mean is None
            else shrink(value, row.received, mean, m),
            low=band[0] if band else None,
            high=band[1] if band else None,
            component_intervals=bounds,
            component_n={k: n for k, (_, n) in proportions(row).items()},
            prior_mean=round(mean, 2) if mean is not None else None,
        )

    eligible = [r for r in rows if raw[r.key] is not None and r.received >= floor]
    rest = [r for r in rows if r not in eligible]
    ranked = sorted(
        (line(r, None) for r in eligible),
        key=lambda s: (-(s.shrunk_score or 0), -s.kpi.received, s.label_fa),
    )
    out = [replace(s, rank=i) for i, s in enumerate(ranked, start=1)]
    out.extend(
        sorted(
            (line(r, None) for r in rest),
            key=lambda s: (-s.kpi.received, s.score is None, -(s.score or 0), s.label_fa),
        )
    )
    return out
