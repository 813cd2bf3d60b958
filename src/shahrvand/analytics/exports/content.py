"""What a monthly supervisory report says, gathered once and rendered to PDF and XLSX.

Numbers come from the analytics selectors (rollups: docs/kpis.md) and from mining
(hotspots, alerts: docs/mining.md); nothing here reads raw reports beyond mining's windows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import jdatetime

from shahrvand.analytics import selectors
from shahrvand.analytics.mining.hotspots import Hotspot, find_hotspots
from shahrvand.analytics.mining.models import Alert
from shahrvand.analytics.mining.window import Window
from shahrvand.common.errors import DomainError
from shahrvand.common.jalali import MONTHS_FA
from shahrvand.common.persian import normalize_digits, to_persian_digits
from shahrvand.tenancy.models import Municipality

PROVINCE = "province"  # the scope of the province-wide report
TOP = 10


class ReportMonthError(DomainError):
    code = "invalid_month"


@dataclass(frozen=True)
class JalaliMonth:
    year: int
    month: int

    @classmethod
    def parse(cls, raw: str) -> JalaliMonth:
        """'1405-08' or '۱۴۰۵/۰۸' → JalaliMonth; ReportMonthError otherwise."""
        match = re.fullmatch(r"\s*(1[34]\d\d)[-/](\d{1,2})\s*", normalize_digits(raw))
        if not match or not 1 <= int(match.group(2)) <= 12:
            raise ReportMonthError(
                f"ماه «{raw}» معتبر نیست؛ به شکل سال-ماه شمسی بنویسید، مثلاً ۱۴۰۵-۰۸.",
                message_en=f"'{raw}' is not a Jalali month like 1405-08.",
                field="month",
            )
        return cls(int(match.group(1)), int(match.group(2)))

    @property
    def first(self) -> dt.date:
        first: dt.date = jdatetime.date(self.year, self.month, 1).togregorian()
        return first

    @property
    def last(self) -> dt.date:
        following = (
            jdatetime.date(self.year + 1, 1, 1)
            if self.month == 12
            else jdatetime.date(self.year, self.month + 1, 1)
        )
        last: dt.date = following.togregorian() - dt.timedelta(days=1)
        return last

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    @property
    def label_fa(self) -> str:
        return f"{MONTHS_FA[self.month - 1]} {to_persian_digits(self.year)}"


@dataclass(frozen=True)
class AlertLine:
    day: dt.date
    municipality: str
    category: str
    observed: int
    expected: float
    acknowledged: bool


@dataclass
class ReportContent:
    scope_label: str
    month: JalaliMonth
    generated_at: dt.datetime
    data_as_of: dt.datetime | None  # reports saved before this are in the rollups
    summary: selectors.KpiRow | None
    departments: list[selectors.ScoreRow] = field(default_factory=list)
    categories: list[selectors.KpiRow] = field(default_factory=list)
    weeks: list[selectors.TrendPoint] = field(default_factory=list)
    municipalities: list[selectors.KpiRow] = field(default_factory=list)
    hotspots: list[Hotspot] = field(default_factory=list)
    alerts: list[AlertLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"گزارش نظارتی ماهانه — {self.scope_label} — {self.month.label_fa}"


def _province_label() -> str:
    first = Municipality.objects.filter(is_active=True).order_by("pk").first()
    return f"استان {first.province}" if first and first.province else "استان"


def gather(
    *, municipality: Municipality | None, month: JalaliMonth, now: dt.datetime
) -> ReportContent:
    """The month's content for one municipality, or for the province when None."""
    first, last = month.first, month.last
    summary = selectors.kpis(
        municipality=municipality, group_by="none", date_from=first, date_to=last
    )
    content = ReportContent(
        scope_label=municipality.name_fa if municipality else _province_label(),
        month=month,
        generated_at=now,
        data_as_of=selectors.rollup_freshness(),
        summary=summary[0] if summary else None,
        categories=selectors.top_categories(
            municipality=municipality, limit=TOP, date_from=first, date_to=last
        ),
        weeks=selectors.trend(
            municipality=municipality, period="week", date_from=first, date_to=last
        ),
    )
    alerts = Alert.objects.filter(day__gte=first, day__lte=last).select_related(
        "standard", "municipality"
    )
    if municipality is None:
        content.municipalities = selectors.province_comparison(date_from=first, date_to=last)
    else:
        content.departments = selectors.league_table(
            municipality=municipality, date_from=first, date_to=last
        )
        content.hotspots = find_hotspots(
            municipality_id=municipality.pk, window=Window(first, last)
        )[:TOP]
        alerts = alerts.filter(municipality=municipality)
    content.alerts = [
        AlertLine(
            a.day,
            a.municipality.name_fa,
            a.standard.name_fa,
            a.observed,
            a.expected,
            a.acknowledged_at is not None,
        )
        for a in alerts.order_by("day", "municipality__name_fa")[:50]
    ]
    return content
