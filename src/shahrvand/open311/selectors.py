"""Reads for the Open311 endpoints: public data only, scoped to one jurisdiction."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, FloatField, Prefetch, QuerySet, Value
from django.db.models.functions import Cos, Power, Radians, Sin
from django.utils import timezone

from shahrvand.categories.lookup import active_categories
from shahrvand.categories.models import Category, coarse_location_q
from shahrvand.reports import publication, tracking
from shahrvand.reports.models import Attachment, Report, ReportEvent
from shahrvand.reports.workflow import OPEN311_CLOSED
from shahrvand.tenancy.lookup import active_municipality
from shahrvand.tenancy.models import Municipality

from .errors import not_found

EARTH_RADIUS_M = 6_371_008.8
DEFAULT_SPAN = dt.timedelta(days=90)


def municipality_for(jurisdiction_id: str) -> Municipality:
    """The active municipality whose slug is `jurisdiction_id` (empty: the default one)."""
    slug = jurisdiction_id or settings.SHAHRVAND_DEFAULT_MUNICIPALITY
    municipality = active_municipality(slug)
    if municipality is None:
        raise not_found(
            f"jurisdiction_id '{slug[:60]}' not found.", f"شهرداری «{slug[:60]}» پیدا نشد."
        )
    return municipality


def services_of(municipality: Municipality) -> QuerySet[Category]:
    return Category.objects.filter(municipality=municipality, is_active=True).order_by(
        "standard_id", "code"
    )


def service_for(municipality: Municipality, service_code: str) -> Category:
    category = active_categories(municipality.pk).get(service_code)
    if category is None:
        raise not_found(
            f"service_code '{service_code[:60]}' not found.",
            f"خدمت «{service_code[:60]}» در این شهرداری نیست.",
        )
    return category


@dataclass
class RequestQuery:
    """Filters of GET /requests; `ids` overrides every other filter (spec §6)."""

    ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    statuses: set[str] = field(default_factory=set)
    updated_after: dt.datetime | None = None
    updated_before: dt.datetime | None = None
    near: tuple[float, float, float] | None = None  # lat, long, radius in metres
    page: int = 1
    page_size: int = 1000


# The columns serializers.request_dict reads (lists of 1,000 requests spend most of their
# time building model rows: loading no other column halves it). The reporter's name is read
# only to mask it in the texts (reports/publication.py), never output. A column missing here
# costs a query per row, which the query-count test catches.
_SERIALIZED = (
    "tracking_code",
    "status",
    "status_note",
    "description",
    "priority",
    "channel",
    "address",
    "lat",
    "lon",
    "media_url",
    "created_at",
    "updated_at",
    "resolved_at",
    "closed_at",
    "deadline",
    "category__code",
    "category__name_fa",
    "category__target_hours",
    "category__emergency_hours",
    "assigned_department__name_fa",
    "assigned_agency__name_fa",
    *publication.COLUMNS,
)
_SERIALIZED_EXTENSIONS = ("attribute_values", "category__attributes")  # JSON, decoded per row


def requests_queryset(municipality: Municipality, *, extensions: bool) -> QuerySet[Report]:
    """Public reports of `municipality` with everything the serializer reads, in constant
    queries. A report staff marked non-public is not there at all (lists and single GETs
    alike answer as if it did not exist)."""
    photos = Attachment.objects.filter(is_public=True, kind=Attachment.Kind.PHOTO).order_by(
        "created_at", "id"
    )
    queryset = (
        Report.objects.filter(municipality=municipality, is_public=True)
        .select_related("category", "assigned_department", "assigned_agency")
        .only(*_SERIALIZED, *(_SERIALIZED_EXTENSIONS if extensions else ()))
        .prefetch_related(Prefetch("attachments", queryset=photos, to_attr="public_photos"))
        .order_by("-created_at", "-id")
    )
    if extensions:
        events = ReportEvent.objects.filter(is_public=True).order_by("created_at", "id")
        queryset = queryset.prefetch_related(
            Prefetch("events", queryset=events, to_attr="public_events")
        )
    return queryset


def request_by_id(municipality: Municipality, raw_id: str, *, extensions: bool) -> Report:
    code = tracking.parse(raw_id)
    report = (
        requests_queryset(municipality, extensions=extensions).filter(tracking_code=code).first()
        if code
        else None
    )
    if report is None:
        raise not_found(
            f"service_request_id '{raw_id[:40]}' not found.", "گزارشی با این شناسه پیدا نشد."
        )
    return report


def _within(queryset: QuerySet[Report], lat: float, lon: float, radius: float) -> QuerySet[Report]:
    """Bounding-box prefilter (plain comparisons), then the exact haversine test in SQL.

    Compares the haversine term a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2) with
    sin²(r / 2R), which avoids asin/sqrt and works on SQLite and PostgreSQL alike.
    """
    dlat = math.degrees(radius / EARTH_RADIUS_M)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, dlat / cos_lat)
    phi, lam = math.radians(lat), math.radians(lon)
    half = Value(2.0, output_field=FloatField())
    a_term = Power(Sin((Radians(F("lat")) - Value(phi)) / half), 2) + Cos(
        Radians(F("lat"))
    ) * Value(math.cos(phi)) * Power(Sin((Radians(F("lon")) - Value(lam)) / half), 2)
    threshold = math.sin(min(radius / (2 * EARTH_RADIUS_M), math.pi / 2)) ** 2
    return (
        queryset.filter(
            lat__gte=lat - dlat, lat__lte=lat + dlat, lon__gte=lon - dlon, lon__lte=lon + dlon
        )
        .alias(haversine_a=a_term)
        .filter(haversine_a__lte=threshold)
    )


def _exact_location(queryset: QuerySet[Report]) -> QuerySet[Report]:
    """Only reports published at their exact point. Which reports of a coarse-location
    category fall inside a small circle would tell their exact point, so a radius search
    leaves them out (they are still listed, with coarse coordinates, without `lat`/`long`)."""
    return queryset.exclude(coarse_location_q("category__"))


def requests_matching(
    municipality: Municipality, query: RequestQuery, *, extensions: bool
) -> list[Report]:
    queryset = requests_queryset(municipality, extensions=extensions)
    if query.ids:
        codes = [code for raw in query.ids if (code := tracking.parse(raw))]
        return list(queryset.filter(tracking_code__in=codes)[: query.page_size])
    if query.service_codes:
        queryset = queryset.filter(category__code__in=query.service_codes)
    if query.start is not None:
        queryset = queryset.filter(created_at__gte=query.start)
    if query.end is not None:
        queryset = queryset.filter(created_at__lte=query.end)
    if query.statuses == {"closed"}:
        queryset = queryset.filter(status__in=OPEN311_CLOSED)
    elif query.statuses == {"open"}:
        queryset = queryset.exclude(status__in=OPEN311_CLOSED)
    if query.updated_after is not None:
        queryset = queryset.filter(updated_at__gt=query.updated_after)
    if query.updated_before is not None:
        queryset = queryset.filter(updated_at__lt=query.updated_before)
    if query.near is not None:
        queryset = _within(_exact_location(queryset), *query.near)
    offset = (query.page - 1) * query.page_size
    return list(queryset[offset : offset + query.page_size])


def default_window(now: dt.datetime | None = None) -> tuple[dt.datetime, dt.datetime]:
    end = now or timezone.now()
    return end - DEFAULT_SPAN, end
