"""Duplicate detection at intake: is this problem already reported nearby?

Candidates share the municipality and the standard code, are still open (or were closed
recently), lie within `radius_m` of the new point and are younger than `max_age`. They are
found through the H3 cells around the point (an indexed IN query), then measured exactly
(haversine) and ranked by closeness in space, time and wording.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

import h3
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from shahrvand.common.persian import ZWNJ, normalize_text
from shahrvand.tenancy.geo import H3_RESOLUTION

from .models import Report
from .workflow import OPEN_STATUSES, Status

EARTH_RADIUS_M = 6_371_000.0
WEIGHTS = (0.45, 0.2, 0.35)  # distance, age, text


@dataclass(frozen=True)
class Candidate:
    report: Report
    distance_m: float
    age: dt.timedelta
    text_similarity: float
    score: float


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(a))


def cells_within(lat: float, lon: float, radius_m: float) -> list[str]:
    """H3 cells that together cover every point within `radius_m` of (lat, lon)."""
    edge = h3.average_hexagon_edge_length(H3_RESOLUTION, unit="m")
    rings = max(1, math.ceil((radius_m + edge) / (math.sqrt(3) * edge)))
    return [str(c) for c in h3.grid_disk(h3.latlng_to_cell(lat, lon, H3_RESOLUTION), rings)]


def _grams(text: str) -> set[str]:
    flat = normalize_text(text, keep_newlines=False).replace(ZWNJ, " ").lower()
    flat = " ".join(flat.split())
    return {flat[i : i + 3] for i in range(max(len(flat) - 2, 1))}


def text_similarity(a: str, b: str) -> float:
    """Jaccard similarity of character trigrams of the normalised texts (0…1)."""
    ga, gb = _grams(a), _grams(b)
    return len(ga & gb) / len(ga | gb) if ga and gb else 0.0


def find_candidates(
    *,
    municipality_id: int,
    standard_code: str,
    lat: float,
    lon: float,
    text: str = "",
    now: dt.datetime | None = None,
    radius_m: float | None = None,
    max_age: dt.timedelta | None = None,
    limit: int = 5,
) -> list[Candidate]:
    """Likely duplicates of a new report, best first."""
    now = now or timezone.now()
    radius = radius_m if radius_m is not None else settings.SHAHRVAND_DUPLICATE_RADIUS_M
    age_limit = max_age or dt.timedelta(weeks=settings.SHAHRVAND_DUPLICATE_MAX_AGE_WEEKS)
    recent_close = now - dt.timedelta(days=settings.SHAHRVAND_DUPLICATE_CLOSED_DAYS)
    dlat = radius / 111_195.0
    dlon = radius / (111_195.0 * max(math.cos(math.radians(lat)), 0.01))
    rows = (
        Report.objects.filter(
            municipality_id=municipality_id,
            standard_id=standard_code,
            h3_cell__in=cells_within(lat, lon, radius),
            created_at__gte=now - age_limit,
            # The bounding box keeps rows outside the circle in the database.
            lat__range=(lat - dlat, lat + dlat),
            lon__range=(lon - dlon, lon + dlon),
        )
        .filter(
            Q(status__in=OPEN_STATUSES)
            | Q(status=Status.RESOLVED, resolved_at__gte=recent_close)
            | Q(status=Status.CLOSED, closed_at__gte=recent_close)
        )
        .order_by("-created_at")
        .select_related("category", "district")
        .only(
            "tracking_code",
            "lat",
            "lon",
            "created_at",
            "description",
            "status",
            "address",
            "category__name_fa",
            "category__location_precision",
            "category__standard",
            "district__name_fa",
            "municipality_id",
            "reporter_name",
            "is_public",
        )[:200]
    )
    found = []
    for report in rows:
        if report.lat is None or report.lon is None:
            continue
        distance = haversine_m(lat, lon, report.lat, report.lon)
        if distance > radius:
            continue
        age = now - report.created_at
        similarity = text_similarity(text, report.description) if text else 0.0
        w_dist, w_age, w_text = WEIGHTS
        score = (
            w_dist * (1 - distance / radius if radius else 1)
            + w_age * (1 - age / age_limit)
            + w_text * similarity
        )
        found.append(Candidate(report, distance, age, similarity, round(score, 4)))
    found.sort(key=lambda c: c.score, reverse=True)
    return found[:limit]
