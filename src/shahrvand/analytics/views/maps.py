"""The map page: H3 hexagon heat map by standard code and period, district choropleth
(reports per 10,000 residents). Shapes are built on the server from A1's selectors."""

from __future__ import annotations

import h3
from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from shahrvand.analytics.selectors.maps import district_counts, hex_counts
from shahrvand.analytics.selectors.types import DistrictCount, HexCount
from shahrvand.categories.models import StandardCategory
from shahrvand.tenancy.access import staff_required
from shahrvand.tenancy.models import Municipality

from .access import municipality_for
from .cards import fa_number
from .chart_data import jalali_ascii
from .common import csv_base, page_context, period_of
from .csvfile import csv_response
from .geo import district_features, hex_features
from .period import Period


def _standard(request: HttpRequest) -> str:
    """The standard code asked for, or '' for every category (unknown codes count as '')."""
    code = request.GET.get("standard", "")
    return code if StandardCategory.objects.filter(code=code).exists() else ""


def _hexes(municipality: Municipality, period: Period, standard: str) -> list[HexCount]:
    return hex_counts(
        municipality=municipality,
        date_from=period.start,
        date_to=period.end,
        standard_code=standard or None,
    )


def _districts(municipality: Municipality, period: Period, standard: str) -> list[DistrictCount]:
    return district_counts(
        municipality=municipality,
        date_from=period.start,
        date_to=period.end,
        standard_code=standard or None,
    )


@staff_required
def map_page(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request, slug)
    period = period_of(request)
    standard = _standard(request)
    extra = f"standard={standard}" if standard else ""
    districts = _districts(municipality, period, standard)
    context = page_context(
        request,
        period=period,
        section="map",
        municipality=municipality,
        csv_base=csv_base("analytics:csv", slug),
        extra_query=extra,
        standards=StandardCategory.objects.order_by("name_fa"),
        standard=standard,
        districts=[
            (d, fa_number(d.received), fa_number(d.population), fa_number(d.per_10k))
            for d in districts
        ],
        hex_area=fa_number(
            h3.average_hexagon_area(settings.SHAHRVAND_ANALYTICS_H3_RESOLUTION, unit="km^2"),
            digits=2,
        ),
        hex_total=fa_number(sum(h.count for h in _hexes(municipality, period, standard))),
    )
    return render(request, "analytics/map.html", context)


@staff_required
def hexes_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    municipality = municipality_for(request, slug)
    rows = _hexes(municipality, period_of(request), _standard(request))
    return JsonResponse(hex_features(rows))


@staff_required
def districts_geojson(request: HttpRequest, slug: str) -> JsonResponse:
    municipality = municipality_for(request, slug)
    rows = _districts(municipality, period_of(request), _standard(request))
    return JsonResponse(district_features(rows))


def _range_cells(period: Period) -> list[str]:
    return [
        jalali_ascii(period.start),
        jalali_ascii(period.end),
        period.start.isoformat(),
        period.end.isoformat(),
    ]


RANGE_HEADER = ["از (شمسی)", "تا (شمسی)", "from (ISO)", "to (ISO)"]


@staff_required
def hexes_csv(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request, slug)
    period, standard = period_of(request), _standard(request)
    rows = _hexes(municipality, period, standard)
    return csv_response(
        f"{slug}-hexes-{standard or 'all'}-{period.start}-{period.end}.csv",
        ["h3_cell", "دسته استاندارد", *RANGE_HEADER, "تعداد گزارش"],
        [[h.cell, standard or "all", *_range_cells(period), h.count] for h in rows],
    )


@staff_required
def districts_csv(request: HttpRequest, slug: str) -> HttpResponse:
    municipality = municipality_for(request, slug)
    period, standard = period_of(request), _standard(request)
    rows = _districts(municipality, period, standard)
    return csv_response(
        f"{slug}-districts-{standard or 'all'}-{period.start}-{period.end}.csv",
        [
            "شماره منطقه",
            "منطقه",
            "دسته استاندارد",
            *RANGE_HEADER,
            "دریافت‌شده",
            "باز",
            "جمعیت",
            "گزارش در ۱۰ هزار نفر",
        ],
        [
            [
                d.number,
                d.name_fa,
                standard or "all",
                *_range_cells(period),
                d.received,
                d.open,
                d.population,
                d.per_10k,
            ]
            for d in rows
        ],
    )
