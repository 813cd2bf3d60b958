"""Analytics reads for dashboards, exports and the public API. They read rollup tables only
(never the raw reports). They do NOT check who asks: the calling view decides which
municipality a user may see (tenancy/access.py) and passes it; `municipality=None`
means the whole province. Types are in `selectors/types.py`; definitions in docs/kpis.md.
All date ranges are inclusive local (Asia/Tehran) calendar days, by the day a report was
received; bad ranges raise `AnalyticsError` (a DomainError with Persian + English text).

    GroupBy = Literal["department", "category", "district", "municipality", "channel", "none"]

    kpis(*, municipality: Municipality | None, date_from: date, date_to: date,
         group_by: GroupBy = "none", unit: str | None = None) -> list[KpiRow]
        One row per group, most reports first. group_by="department" gives departments AND
        outside agencies (keys "department:<id>", "agency:<id>", "unassigned");
        "category" = standard codes; "municipality" lists every active municipality.
        `unit` (a department:/agency: key; needs a municipality) restricts to one unit,
        e.g. kpis(..., unit="department:7", group_by="category") for its scorecard.
    top_categories(*, municipality, date_from, date_to, limit: int = 10) -> list[KpiRow]
    channel_mix(*, municipality, date_from, date_to) -> list[ChannelShare]
    province_comparison(*, date_from, date_to) -> list[KpiRow]       # per_10k filled
    trend(*, municipality, date_from, date_to, period: Literal["week", "month"],
          standard_code: str | None = None) -> list[TrendPoint]      # Jalali weeks/months
    backlog_by_age(*, municipality, as_of: date | None = None,
                   unit: str | None = None) -> list[BacklogBucket]   # open reports now
    league_table(*, municipality, date_from, date_to) -> list[ScoreRow]
        ranked units first (by the shrunk score), then the unranked ones (rank None)
    min_reports() -> int; prior_reports() -> int   # SHAHRVAND_RANKING_* settings
    hex_counts(*, municipality, date_from, date_to, standard_code: str | None = None,
               resolution: int | None = None) -> list[HexCount]      # (cell, count)
    district_counts(*, municipality: Municipality, date_from, date_to,
                    standard_code: str | None = None) -> list[DistrictCount]
    rollup_freshness() -> datetime | None    # reports saved up to this moment are counted
    check_range(date_from, date_to) -> None  # raises AnalyticsError
    GROUP_BY_CHOICES: tuple[str, ...]; AGE_BUCKETS; weights() -> dict[str, float]
"""

from __future__ import annotations

import datetime as dt

from shahrvand.analytics.models import RollupState

from .kpis import (
    GROUP_BY_CHOICES,
    AnalyticsError,
    channel_mix,
    check_range,
    kpis,
    province_comparison,
    top_categories,
)
from .league import components, league_table, min_reports, prior_reports, weights
from .maps import district_counts, hex_counts
from .time import AGE_BUCKETS, backlog_by_age, trend
from .types import (
    BacklogBucket,
    ChannelShare,
    DistrictCount,
    GroupBy,
    HexCount,
    KpiRow,
    Period,
    ScoreRow,
    TrendPoint,
)


def rollup_freshness() -> dt.datetime | None:
    """Reports saved before this moment are in the rollups (None: never built)."""
    state = RollupState.objects.filter(name="reports").first()
    return state.watermark if state else None


__all__ = [
    "AGE_BUCKETS",
    "GROUP_BY_CHOICES",
    "AnalyticsError",
    "BacklogBucket",
    "ChannelShare",
    "DistrictCount",
    "GroupBy",
    "HexCount",
    "KpiRow",
    "Period",
    "ScoreRow",
    "TrendPoint",
    "backlog_by_age",
    "channel_mix",
    "check_range",
    "components",
    "district_counts",
    "hex_counts",
    "kpis",
    "league_table",
    "min_reports",
    "prior_reports",
    "province_comparison",
    "rollup_freshness",
    "top_categories",
    "trend",
    "weights",
]
