"""The composite score of departments and outside agencies, and their league table."""

from __future__ import annotations

import datetime as dt

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


def weights() -> dict[str, float]:
    configured = getattr(settings, "SHAHRVAND_ANALYTICS_SCORE_WEIGHTS", None) or DEFAULT_WEIGHTS
    return {k: float(v) for k, v in configured.items() if k in DEFAULT_WEIGHTS and v > 0}


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


def score(parts: dict[str, float | None], w: dict[str, float]) -> float | None:
    """Weighted mean over the measurable components; None if none is measurable."""
    used = [(w[k], v) for k, v in parts.items() if v is not None and k in w]
    total = sum(weight for weight, _ in used)
    if not total:
        return None
    return round(sum(weight * v for weight, v in used) / total, 2)


def league_table(
    *, municipality: Municipality | None, date_from: dt.date, date_to: dt.date
) -> list[ScoreRow]:
    """Departments and outside agencies ranked by composite score (best first; units with
    no measurable component last). Reports not yet assigned are left out."""
    w = weights()
    scored = []
    for row in kpis(
        municipality=municipality, date_from=date_from, date_to=date_to, group_by="department"
    ):
        if row.key == "unassigned":
            continue
        kind: UnitKind = "agency" if row.key.startswith("agency:") else "department"
        parts = components(row)
        scored.append((score(parts, w), kind, parts, row))
    scored.sort(key=lambda s: (s[0] is None, -(s[0] or 0), -s[3].received, s[3].label_fa))
    return [
        ScoreRow(
            rank=i,
            key=row.key,
            kind=kind,
            label_fa=row.label_fa,
            municipality_slug=row.municipality_slug,
            score=value,
            components=parts,
            kpi=row,
        )
        for i, (value, kind, parts, row) in enumerate(scored, start=1)
    ]
