"""What the analytics selectors return: frozen, typed rows (no model instances).

Conventions: `*_pct` are percentages 0–100; `*_rate` and `*_share` are fractions 0–1;
hours are wall-clock hours; every ratio is None when its denominator is zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

GroupBy = Literal["department", "category", "district", "municipality", "channel", "none"]
Period = Literal["week", "month"]
UnitKind = Literal["department", "agency", "unassigned"]


@dataclass(frozen=True)
class KpiRow:
    """The KPIs of one group. `key` is stable and machine-readable:
    department → "department:<id>" / "agency:<id>" / "unassigned"; category → standard code;
    district → "<district id>"; municipality → slug; channel → channel value; none → "all"."""

    key: str
    label_fa: str
    received: int
    open: int
    closed: int
    resolved: int
    closed_within_deadline_pct: float | None
    median_hours_to_resolve: float | None
    p90_hours_to_resolve: float | None
    first_response_median_hours: float | None
    reopen_rate: float | None
    acceptance_rate: float | None
    satisfaction_avg: float | None
    satisfaction_count: int
    duplicate_share: float | None
    auto_categorised_share: float | None
    corrected_share: float | None
    digital_share: float | None
    population: int | None = None
    per_10k: float | None = None
    municipality_slug: str = ""
    # The numerators and denominators behind the ratios above (intervals need them).
    with_deadline: int = 0
    within_deadline: int = 0
    reopen_base: int = 0
    reopened: int = 0
    feedback: int = 0
    accepted: int = 0


@dataclass(frozen=True)
class TrendPoint:
    """One Jalali week (Saturday–Friday) or Jalali month, clipped to the asked range."""

    start: dt.date
    end: dt.date
    label_fa: str
    received: int
    open: int
    closed: int
    closed_within_deadline_pct: float | None
    median_hours_to_resolve: float | None


@dataclass(frozen=True)
class BacklogBucket:
    """Open reports whose age (days since received, as of `as_of`) is in [min_days, max_days];
    max_days None means no upper bound."""

    key: str
    label_fa: str
    min_days: int
    max_days: int | None
    count: int


@dataclass(frozen=True)
class ChannelShare:
    channel: str
    label_fa: str
    digital: bool
    received: int
    share: float | None


@dataclass(frozen=True)
class ScoreRow:
    """One line of the league table (docs/kpis.md, "Fair ranking").

    `components` holds each scored KPI on a 0–100 scale (None when it cannot be measured)
    and `component_intervals` its 95 % Wilson interval, `component_n` its denominator;
    `score` is their weighted mean over the measurable ones (weights:
    settings.SHAHRVAND_ANALYTICS_SCORE_WEIGHTS) and `low`–`high` its interval (the same
    weighted mean of the component bounds). `shrunk_score` = (n·score + m·prior_mean) /
    (n + m) with n = reports received and m = settings.SHAHRVAND_RANKING_PRIOR_REPORTS;
    units are ranked by it. `rank` is None for a unit below the minimum volume
    (settings.SHAHRVAND_RANKING_MIN_REPORTS) or without a measurable component."""

    rank: int | None
    key: str
    kind: UnitKind
    label_fa: str
    municipality_slug: str
    score: float | None
    components: dict[str, float | None]
    kpi: KpiRow
    shrunk_score: float | None = None
    low: float | None = None
    high: float | None = None
    component_intervals: dict[str, tuple[float, float] | None] = field(default_factory=dict)
    component_n: dict[str, int] = field(default_factory=dict)
    prior_mean: float | None = None

    @property
    def n(self) -> int:
        return self.kpi.received

    @property
    def ranked(self) -> bool:
        return self.rank is not None


@dataclass(frozen=True)
class HexCount:
    cell: str
    count: int


@dataclass(frozen=True)
class DistrictCount:
    district_id: int
    number: int
    name_fa: str
    received: int
    open: int
    population: int
    per_10k: float | None


@dataclass(frozen=True)
class RangeParts:
    """How a date range was answered: whole Jalali months from monthly rows, the rest daily."""

    months: list[dt.date] = field(default_factory=list)
    days: list[tuple[dt.date, dt.date]] = field(default_factory=list)
