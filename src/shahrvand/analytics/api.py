"""Public KPI endpoint, mounted on the public API router (api/public.py).

Aggregates only: counts, shares and durations per group; no report, person or place.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Query

from shahrvand.common.api_errors import ErrorOut
from shahrvand.common.errors import NotFound
from shahrvand.tenancy.models import Municipality

from .selectors import GROUP_BY_CHOICES, AnalyticsError, kpis

router = Router(tags=["public"])
PUBLIC_GROUPS = ("department", "category", "district", "municipality")


class PublicKpiOut(Schema):
    key: str
    label_fa: str
    municipality: str
    received: int
    closed: int
    open: int
    closed_within_deadline_pct: float | None
    median_hours_to_resolve: float | None
    p90_hours_to_resolve: float | None
    reopen_rate: float | None
    satisfaction_avg: float | None


class PublicKpisOut(Schema):
    municipality: str | None
    date_from: dt.date
    date_to: dt.date
    group_by: str
    groups: list[PublicKpiOut]


def _date(raw: str | None, name: str) -> dt.date:
    try:
        if raw is None:
            raise ValueError
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise AnalyticsError(
            f"تاریخ «{name}» را به شکل میلادی YYYY-MM-DD بفرستید.",
            message_en=f"Send '{name}' as a Gregorian date YYYY-MM-DD.",
            field=name,
            code="invalid_date",
        ) from None


@router.get(
    "/kpis",
    response={200: PublicKpisOut, 400: ErrorOut, 404: ErrorOut},
    url_name="public-kpis",
)
def public_kpis(
    request: HttpRequest,
    municipality: str | None = None,
    date_from: str | None = Query(None, alias="from"),
    date_to: str | None = Query(None, alias="to"),
    group_by: str = "department",
) -> Any:
    """KPIs per department/agency (`department`), standard category (`category`), district
    or municipality over [from, to] (inclusive Gregorian ISO dates, by the day reports were
    received); province-wide when `municipality` (a slug) is omitted. Shares are fractions
    0–1, `closed_within_deadline_pct` is 0–100, hours are wall-clock. See docs/kpis.md."""
    first, last = _date(date_from, "from"), _date(date_to, "to")
    if group_by not in PUBLIC_GROUPS:
        raise AnalyticsError(
            "گروه‌بندی باید یکی از department، category، district یا municipality باشد.",
            message_en="group_by must be one of department, category, district, municipality.",
            field="group_by",
            code="invalid_group_by",
        )
    muni = None
    if municipality:
        muni = Municipality.objects.filter(slug=municipality, is_active=True).first()
        if muni is None:
            raise NotFound(
                "شهرداری با این شناسه پیدا نشد.",
                message_en="Unknown municipality.",
                field="municipality",
            )
    rows = kpis(municipality=muni, date_from=first, date_to=last, group_by=group_by)  # type: ignore[arg-type]
    return {
        "municipality": muni.slug if muni else None,
        "date_from": first,
        "date_to": last,
        "group_by": group_by,
        "groups": [
            {
                "key": r.key,
                "label_fa": r.label_fa,
                "municipality": r.municipality_slug,
                "received": r.received,
                "closed": r.closed,
                "open": r.open,
                "closed_within_deadline_pct": r.closed_within_deadline_pct,
                "median_hours_to_resolve": r.median_hours_to_resolve,
                "p90_hours_to_resolve": r.p90_hours_to_resolve,
                "reopen_rate": r.reopen_rate,
                "satisfaction_avg": r.satisfaction_avg,
            }
            for r in rows
        ],
    }


assert set(PUBLIC_GROUPS) <= set(GROUP_BY_CHOICES)
