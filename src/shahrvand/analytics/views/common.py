"""What every analytics page shares: the period, the navigation flags, CSV links."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from shahrvand.tenancy.access import current_staff
from shahrvand.tenancy.models import Municipality

from .access import can_view_province
from .chart_data import Chart
from .period import PRESETS, Period, parse_period


def period_of(request: HttpRequest) -> Period:
    return parse_period(request.GET)


def page_context(
    request: HttpRequest,
    *,
    period: Period,
    section: str,
    csv_base: str,
    municipality: Municipality | None = None,
    extra_query: str = "",
    staff: bool = True,
    **more: Any,
) -> dict[str, Any]:
    csv_query = period.query() + (f"&{extra_query}" if extra_query else "")
    own_unit = ""
    if staff and municipality is not None:
        profile = current_staff(request)
        if profile.municipality_id == municipality.pk:
            if profile.department_id:
                own_unit = f"department-{profile.department_id}"
            elif profile.agency_id:
                own_unit = f"agency-{profile.agency_id}"
    return {
        "own_unit": own_unit,
        "period": period,
        "presets": list(PRESETS.items()),
        "section": section,
        "municipality": municipality,
        "can_view_province": staff and can_view_province(current_staff(request)),
        "csv_base": csv_base,
        "csv_query": csv_query,
        "extra_query": f"&{extra_query}" if extra_query else "",
        **more,
    }


def csv_base(name: str, *args: str) -> str:
    """The URL prefix of a page's chart CSVs; the template appends '<key>.csv?<period>'."""
    url = reverse(name, args=[*args, "chart-key"])
    return url[: -len("chart-key.csv")]


def charts_by_key(charts: list[Chart]) -> dict[str, Chart]:
    return {c.key: c for c in charts}
