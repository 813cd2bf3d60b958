"""The charts of the analytics pages, each built from A1's selectors (rollups only).

A builder takes a `Scope` (which municipality / unit / period) and returns a `Chart`; the
page and its CSV download call the same builder, so both carry the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.utils import timezone

from shahrvand.analytics.selectors.kpis import (
    channel_mix,
    kpis,
    province_comparison,
    top_categories,
)
from shahrvand.analytics.selectors.league import league_table
from shahrvand.analytics.selectors.time import backlog_by_age
from shahrvand.analytics.selectors.time import trend as trend_selector
from shahrvand.analytics.selectors.types import KpiRow, ScoreRow, TrendPoint
from shahrvand.tenancy.models import Municipality

from .chart_data import Chart, Series, jalali_ascii
from .period import Period


@dataclass(frozen=True)
class Scope:
    municipality: Municipality | None  # None: the whole province
    period: Period
    unit: str | None = None  # "department:<id>" / "agency:<id>" for a scorecard


def trend_points(scope: Scope) -> list[TrendPoint]:
    p = scope.period
    points = trend_selector(
        municipality=scope.municipality,
        date_from=p.start,
        date_to=p.end,
        period=p.granularity,
    )
    if scope.unit is None:
        return points
    # The trend selector has no unit filter: one department-grouped KPI query per point
    # (week or month) from the cubes, keeping the unit's row (NOTES-A2.md).
    out = []
    for point in points:
        rows = kpis(
            municipality=scope.municipality,
            date_from=point.start,
            date_to=point.end,
            group_by="department",
        )
        row = next((r for r in rows if r.key == scope.unit), None)
        out.append(
            TrendPoint(
                start=point.start,
                end=point.end,
                label_fa=point.label_fa,
                received=row.received if row else 0,
                open=row.open if row else 0,
                closed=row.closed if row else 0,
                closed_within_deadline_pct=row.closed_within_deadline_pct if row else None,
                median_hours_to_resolve=row.median_hours_to_resolve if row else None,
            )
        )
    return out


def _period_columns(points: list[TrendPoint]) -> list[tuple[str, list[str]]]:
    return [
        ("شروع (شمسی)", [jalali_ascii(p.start) for p in points]),
        ("پایان (شمسی)", [jalali_ascii(p.end) for p in points]),
        ("start (ISO)", [p.start.isoformat() for p in points]),
        ("end (ISO)", [p.end.isoformat() for p in points]),
    ]


def _range_columns(scope: Scope, n: int) -> list[tuple[str, list[str]]]:
    p = scope.period
    return [
        ("از (شمسی)", [jalali_ascii(p.start)] * n),
        ("تا (شمسی)", [jalali_ascii(p.end)] * n),
        ("from (ISO)", [p.start.isoformat()] * n),
        ("to (ISO)", [p.end.isoformat()] * n),
    ]


def _unit_word(scope: Scope) -> str:
    return "هفته" if scope.period.granularity == "week" else "ماه"


def trend(scope: Scope) -> Chart:
    points = trend_points(scope)
    return Chart(
        key="trend",
        definition="trend",
        title=f"روند گزارش‌های دریافتی و بسته‌شده به تفکیک {_unit_word(scope)}",
        kind="line",
        label_header=_unit_word(scope),
        labels=[p.label_fa for p in points],
        series=[
            Series("دریافت‌شده", [p.received for p in points]),
            Series("بسته‌شده", [p.closed for p in points]),
        ],
        extra=_period_columns(points),
    )


def compliance(scope: Scope) -> Chart:
    points = trend_points(scope)
    return Chart(
        key="compliance",
        definition="within_deadline",
        title="رسیدگی در مهلت (درصد گزارش‌های بسته‌شده)",
        kind="bar",
        label_header=_unit_word(scope),
        labels=[p.label_fa for p in points],
        series=[Series("٪ در مهلت", [p.closed_within_deadline_pct for p in points], percent=True)],
        extra=_period_columns(points),
        note="مهلت با ساعات اداری و تعطیلات رسمی شمرده می‌شود.",
    )


def backlog(scope: Scope) -> Chart:
    buckets = backlog_by_age(municipality=scope.municipality, unit=scope.unit)
    today = timezone.localdate()
    return Chart(
        key="backlog",
        definition="backlog",
        title="گزارش‌های باز امروز به تفکیک عمر",
        kind="bar",
        label_header="عمر گزارش",
        labels=[b.label_fa for b in buckets],
        series=[Series("گزارش باز", [b.count for b in buckets])],
        extra=[
            ("از روز", [str(b.min_days) for b in buckets]),
            ("تا روز", ["" if b.max_days is None else str(b.max_days) for b in buckets]),
            ("تاریخ (شمسی)", [jalali_ascii(today)] * len(buckets)),
            ("as of (ISO)", [today.isoformat()] * len(buckets)),
        ],
        note="همه گزارش‌های باز امروز، هر بازه‌ای که انتخاب شده باشد؛ عمر از روز ثبت شمرده می‌شود.",
    )


def categories(scope: Scope) -> Chart:
    p = scope.period
    rows: list[KpiRow]
    if scope.unit is not None:
        rows = kpis(
            municipality=scope.municipality,
            date_from=p.start,
            date_to=p.end,
            group_by="category",
            unit=scope.unit,
        )[:10]
    else:
        rows = top_categories(
            municipality=scope.municipality, date_from=p.start, date_to=p.end, limit=10
        )
    return Chart(
        key="categories",
        definition="categories",
        title="پرتکرارترین دسته‌های گزارش",
        kind="hbar",
        label_header="دسته استاندارد",
        labels=[r.label_fa for r in rows],
        series=[
            Series("دریافت‌شده", [r.received for r in rows]),
            Series("بسته‌شده", [r.closed for r in rows]),
        ],
        extra=[("code", [r.key for r in rows]), *_range_columns(scope, len(rows))],
    )


def channels(scope: Scope) -> Chart:
    p = scope.period
    mix = [
        c
        for c in channel_mix(municipality=scope.municipality, date_from=p.start, date_to=p.end)
        if c.received
    ]
    return Chart(
        key="channels",
        definition="channels",
        title="سهم کانال‌های ثبت گزارش",
        kind="pie",
        label_header="کانال",
        labels=[c.label_fa for c in mix],
        series=[Series("دریافت‌شده", [c.received for c in mix])],
        extra=[("channel", [c.channel for c in mix]), *_range_columns(scope, len(mix))],
    )


def league_rows(scope: Scope) -> list[ScoreRow]:
    p = scope.period
    return league_table(municipality=scope.municipality, date_from=p.start, date_to=p.end)


def league(scope: Scope) -> Chart:
    """The ranked units' ranking (shrunk) scores, best first; unranked units are left out."""
    rows = [r for r in league_rows(scope) if r.ranked]
    return Chart(
        key="league",
        definition="ranking",
        title="امتیاز رتبه‌بندی واحدها و دستگاه‌های بیرونی",
        kind="hbar",
        label_header="واحد / دستگاه",
        labels=[r.label_fa for r in rows],
        series=[Series("امتیاز رتبه‌بندی (از ۱۰۰)", [r.shrunk_score for r in rows])],
        extra=[
            ("رتبه", [str(r.rank) for r in rows]),
            ("key", [r.key for r in rows]),
            ("n", [str(r.kpi.received) for r in rows]),
            ("امتیاز", ["" if r.score is None else str(r.score) for r in rows]),
            ("کران پایین ۹۵٪", ["" if r.low is None else str(r.low) for r in rows]),
            ("کران بالای ۹۵٪", ["" if r.high is None else str(r.high) for r in rows]),
            *_range_columns(scope, len(rows)),
        ],
        note="فقط واحدهای دارای رتبه؛ امتیاز به سمت میانگین شهرداری تعدیل شده است.",
    )


def departments(scope: Scope) -> Chart:
    """Per department and agency: received vs closed (the transparency page)."""
    p = scope.period
    rows = kpis(
        municipality=scope.municipality, date_from=p.start, date_to=p.end, group_by="department"
    )
    return Chart(
        key="departments",
        definition="units",
        title="گزارش‌های هر واحد و دستگاه",
        kind="hbar",
        label_header="واحد / دستگاه",
        labels=[r.label_fa for r in rows],
        series=[
            Series("دریافت‌شده", [r.received for r in rows]),
            Series("بسته‌شده", [r.closed for r in rows]),
        ],
        extra=[("key", [r.key for r in rows]), *_range_columns(scope, len(rows))],
    )


def province(scope: Scope) -> Chart:
    rows = sorted(
        province_comparison(date_from=scope.period.start, date_to=scope.period.end),
        key=lambda r: -(r.per_10k or 0),
    )
    return Chart(
        key="province",
        definition="per_10k",
        title="گزارش در هر ۱۰ هزار نفر جمعیت",
        kind="hbar",
        label_header="شهرداری",
        labels=[r.label_fa for r in rows],
        series=[Series("گزارش در ۱۰ هزار نفر", [r.per_10k for r in rows])],
        extra=[
            ("slug", [r.municipality_slug or r.key for r in rows]),
            ("جمعیت", [str(r.population or "") for r in rows]),
            ("دریافت‌شده", [str(r.received) for r in rows]),
            *_range_columns(scope, len(rows)),
        ],
    )


Builder = Callable[[Scope], Chart]
MUNICIPALITY_CHARTS: dict[str, Builder] = {
    "trend": trend,
    "compliance": compliance,
    "backlog": backlog,
    "categories": categories,
    "channels": channels,
    "league": league,
}
UNIT_CHARTS: dict[str, Builder] = {
    "trend": trend,
    "compliance": compliance,
    "backlog": backlog,
    "categories": categories,
}
PUBLIC_CHARTS: dict[str, Builder] = {"departments": departments, "trend": trend}
PROVINCE_CHARTS: dict[str, Builder] = {"province": province}
