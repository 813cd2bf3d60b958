"""KPIs per group, channel mix, top categories and the province comparison."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db.models import Sum

from shahrvand.analytics import histogram
from shahrvand.analytics.aggregate import Totals, span_q
from shahrvand.analytics.cache import read_totals
from shahrvand.analytics.facts import DIGITAL_CHANNELS
from shahrvand.analytics.models import DailyRollup, Dimension
from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import Municipality

from . import labels
from ._read import cube_totals
from .types import ChannelShare, GroupBy, KpiRow

_DIMENSION: dict[str, str] = {
    "department": Dimension.UNIT,
    "category": Dimension.STANDARD,
    "district": Dimension.DISTRICT,
    "channel": Dimension.CHANNEL,
    "municipality": Dimension.NONE,
    "none": Dimension.NONE,
}
GROUP_BY_CHOICES: tuple[str, ...] = tuple(_DIMENSION)
_FINE_FIELD = {
    "category": "standard_code",
    "district": "district_id",
    "channel": "channel",
}


class AnalyticsError(DomainError):
    code = "invalid_query"


def check_range(date_from: dt.date, date_to: dt.date) -> None:
    """Raise AnalyticsError unless from ≤ to and the range is at most the configured length."""
    if date_from > date_to:
        raise AnalyticsError(
            "تاریخ شروع باید پیش از تاریخ پایان یا برابر با آن باشد.",
            message_en="'from' must not be after 'to'.",
            field="from",
            code="invalid_range",
        )
    limit = settings.SHAHRVAND_ANALYTICS_MAX_RANGE_DAYS
    if (date_to - date_from).days + 1 > limit:
        raise AnalyticsError(
            f"بازه زمانی حداکثر {limit} روز می‌تواند باشد.",
            message_en=f"The date range may span at most {limit} days.",
            field="to",
            code="range_too_long",
        )


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 4) if den else None


def kpi_row(
    key: str,
    label_fa: str,
    t: Totals,
    *,
    population: int | None = None,
    municipality_slug: str = "",
) -> KpiRow:
    c = t.counts
    pct = _ratio(c["within_deadline"] * 100, c["with_deadline"])
    return KpiRow(
        key=key,
        label_fa=label_fa,
        received=c["received"],
        open=c["open"],
        closed=c["closed"],
        resolved=c["resolved"],
        closed_within_deadline_pct=round(pct, 2) if pct is not None else None,
        median_hours_to_resolve=histogram.percentile(t.resolve, 50),
        p90_hours_to_resolve=histogram.percentile(t.resolve, 90),
        first_response_median_hours=histogram.percentile(t.response, 50),
        reopen_rate=_ratio(c["reopened"], c["reopen_base"]),
        acceptance_rate=_ratio(c["accepted"], c["feedback"]),
        satisfaction_avg=(
            round(c["satisfaction_sum"] / c["satisfaction_count"], 2)
            if c["satisfaction_count"]
            else None
        ),
        satisfaction_count=c["satisfaction_count"],
        duplicate_share=_ratio(c["duplicates"], c["received"]),
        auto_categorised_share=_ratio(c["auto_categorised"], c["received"]),
        corrected_share=_ratio(c["corrected"], c["received"]),
        digital_share=_ratio(c["digital"], c["received"]),
        population=population,
        # Four decimals: a small town and a large city can differ in the third digit.
        per_10k=(round(c["received"] * 10_000 / population, 4) if population else None),
        municipality_slug=municipality_slug,
        with_deadline=c["with_deadline"],
        within_deadline=c["within_deadline"],
        reopen_base=c["reopen_base"],
        reopened=c["reopened"],
        feedback=c["feedback"],
        accepted=c["accepted"],
    )


def _fine_totals(
    *,
    municipality: Municipality,
    date_from: dt.date,
    date_to: dt.date,
    unit: str,
    group_by: GroupBy,
) -> dict[tuple[Any, ...], Totals]:
    """A department's (or agency's) KPIs split by another dimension: from the fine daily
    rows of one municipality (the cubes hold one dimension at a time)."""
    kind, _, raw = unit.partition(":")
    unit_filter: dict[str, Any]
    if kind == "agency" and raw.isdigit():
        unit_filter = {"agency_id": int(raw)}
    elif kind == "department" and raw.isdigit():
        unit_filter = {"department_id": int(raw), "agency_id": None}
    else:
        unit_filter = {"department_id": None, "agency_id": None}
    qs = DailyRollup.objects.filter(
        span_q([(date_from, date_to)]), municipality=municipality, **unit_filter
    )
    out: dict[tuple[Any, ...], Totals] = {}
    field = _FINE_FIELD.get(group_by)
    if field is None:
        read_totals(qs, (), out)
        return {(unit if group_by == "department" else "all",): t for t in out.values()}
    read_totals(qs, (field,), out)
    return {(str(k[0]) if k[0] is not None else "",): t for k, t in out.items()}


def kpis(
    *,
    municipality: Municipality | None,
    date_from: dt.date,
    date_to: dt.date,
    group_by: GroupBy = "none",
    unit: str | None = None,
) -> list[KpiRow]:
    check_range(date_from, date_to)
    if group_by not in _DIMENSION:
        raise AnalyticsError(
            "گروه‌بندی نامعتبر است.", message_en="Unknown group_by.", field="group_by"
        )
    muni_id = municipality.pk if municipality is not None else None
    if unit is not None:
        if municipality is None:
            raise AnalyticsError(
                "برای کارنامه یک واحد، شهرداری را مشخص کنید.",
                message_en="A unit filter needs a municipality.",
                field="municipality",
            )
        totals = _fine_totals(
            municipality=municipality,
            date_from=date_from,
            date_to=date_to,
            unit=unit,
            group_by=group_by,
        )
    elif group_by == "municipality":
        totals = cube_totals(
            municipality_id=muni_id,
            date_from=date_from,
            date_to=date_to,
            dimension=Dimension.NONE,
            group=("municipality_id",),
        )
    else:
        totals = cube_totals(
            municipality_id=muni_id,
            date_from=date_from,
            date_to=date_to,
            dimension=_DIMENSION[group_by],
        )
    rows = _label(totals, group_by=group_by, municipality=municipality)
    return sorted(rows, key=lambda r: (-r.received, r.label_fa))


def _label(
    totals: dict[tuple[Any, ...], Totals],
    *,
    group_by: GroupBy,
    municipality: Municipality | None,
) -> list[KpiRow]:
    if group_by == "municipality":
        munis = {
            m.pk: m
            for m in Municipality.objects.filter(is_active=True)
            if municipality is None or m.pk == municipality.pk
        }
        return [
            kpi_row(
                m.slug,
                m.name_fa,
                totals.get((pk,), Totals()),
                population=m.population,
                municipality_slug=m.slug,
            )
            for pk, m in munis.items()
        ]
    if group_by == "none":
        population = (
            municipality.population
            if municipality is not None
            else Municipality.objects.filter(is_active=True).aggregate(p=Sum("population"))["p"]
        )
        t = totals.get(("",)) or totals.get(("all",)) or Totals()
        slug = municipality.slug if municipality is not None else ""
        return [kpi_row("all", "همه", t, population=population or None, municipality_slug=slug)]
    keys = [k[0] for k in totals]
    if group_by == "department":
        names = labels.unit_labels(keys)
        return [
            kpi_row(
                k,
                names.get(k, (k, ""))[0],
                totals[(k,)],
                municipality_slug=names.get(k, (k, ""))[1],
            )
            for k in keys
        ]
    if group_by == "category":
        std = labels.standard_labels()
        return [kpi_row(k, std.get(k, k), totals[(k,)]) for k in keys]
    if group_by == "district":
        info = labels.district_info(keys)
        out = []
        for k in keys:
            name, population, slug = info.get(k, ("بدون منطقه", 0, ""))
            out.append(kpi_row(k, name, totals[(k,)], population=population or None,
                               municipality_slug=slug))  # fmt: skip
        return out
    channel = labels.channel_labels()
    return [kpi_row(k, channel.get(k, k), totals[(k,)]) for k in keys]


def top_categories(
    *, municipality: Municipality | None, date_from: dt.date, date_to: dt.date, limit: int = 10
) -> list[KpiRow]:
    """The standard codes with the most reports received, most first."""
    return kpis(
        municipality=municipality, date_from=date_from, date_to=date_to, group_by="category"
    )[:limit]


def channel_mix(
    *, municipality: Municipality | None, date_from: dt.date, date_to: dt.date
) -> list[ChannelShare]:
    """Every channel (also those with no report), with its share of the reports received."""
    check_range(date_from, date_to)
    totals = cube_totals(
        municipality_id=municipality.pk if municipality else None,
        date_from=date_from,
        date_to=date_to,
        dimension=Dimension.CHANNEL,
    )
    received = {k[0]: t.counts["received"] for k, t in totals.items()}
    total = sum(received.values())
    return [
        ChannelShare(
            channel=value,
            label_fa=label,
            digital=value in {c.value for c in DIGITAL_CHANNELS},
            received=received.get(value, 0),
            share=_ratio(received.get(value, 0), total),
        )
        for value, label in labels.channel_labels().items()
    ]


def province_comparison(*, date_from: dt.date, date_to: dt.date) -> list[KpiRow]:
    """Every active municipality side by side (also those with no report), with
    `per_10k` = reports received per 10,000 residents."""
    return kpis(municipality=None, date_from=date_from, date_to=date_to, group_by="municipality")
