"""Address search for staff who locate a report (decision 0038): one adapter interface
(base.Geocoder), one adapter per provider speaking its real protocol (Nominatim, Neshan,
Map.ir), chosen by settings:

    SHAHRVAND_GEOCODER          "" (off), "nominatim", "neshan" or "mapir"
    SHAHRVAND_GEOCODER_URL      the provider's base URL (default: its public one)
    SHAHRVAND_GEOCODER_KEY      the API key (Neshan, Map.ir; optional for Nominatim)
    SHAHRVAND_GEOCODER_TIMEOUT  seconds

Results are kept only inside the municipality: within its districts' bounding box and,
as a report's point must be, inside one of its districts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Max, Min

from shahrvand.common.persian import normalize_text

from ..geo import district_at
from ..models import District, Municipality
from .base import Area, Geocoder, GeocodingError, Place
from .mapir import MapirGeocoder
from .neshan import NeshanGeocoder
from .nominatim import NominatimGeocoder

__all__ = ["Area", "Found", "Geocoder", "GeocodingError", "Place", "geocoder", "search_places"]


def geocoder() -> Geocoder | None:
    """The configured adapter, built from settings at call time; None when switched off."""
    name = getattr(settings, "SHAHRVAND_GEOCODER", "")
    url = getattr(settings, "SHAHRVAND_GEOCODER_URL", "")
    key = getattr(settings, "SHAHRVAND_GEOCODER_KEY", "")
    timeout = float(getattr(settings, "SHAHRVAND_GEOCODER_TIMEOUT", 5))
    if not name:
        return None
    options: dict[str, Any] = {"api_key": key, "timeout": timeout}
    if url:
        options["base_url"] = url
    adapters: dict[str, Callable[..., Geocoder]] = {
        "nominatim": NominatimGeocoder,
        "neshan": NeshanGeocoder,
        "mapir": MapirGeocoder,
    }
    if name in adapters:
        return adapters[name](**options)
    raise ImproperlyConfigured(
        f"SHAHRVAND_GEOCODER={name!r}: use '', 'nominatim', 'neshan' or 'mapir'"
    )


def municipality_area(municipality: Municipality) -> Area | None:
    box = District.objects.filter(municipality=municipality).aggregate(
        min_lat=Min("min_lat"),
        max_lat=Max("max_lat"),
        min_lon=Min("min_lon"),
        max_lon=Max("max_lon"),
    )
    if box["min_lat"] is None:
        return None
    return Area(box["min_lat"], box["max_lat"], box["min_lon"], box["max_lon"])


@dataclass(frozen=True)
class Found:
    place: Place
    district: District


def search_places(
    *, provider: Geocoder, municipality: Municipality, query: str, limit: int = 5
) -> list[Found]:
    """Places for `query` inside `municipality`, each with its district, best first.
    Raises GeocodingError when the provider cannot answer."""
    area = municipality_area(municipality)
    text = normalize_text(query, keep_newlines=False).strip()[:200]
    if area is None or not text:
        return []
    found = []
    for place in provider.search(text, area=area, limit=limit * 2):
        if not area.contains(place.lat, place.lon):
            continue
        district = district_at(municipality, place.lat, place.lon)
        if district is not None:
            found.append(Found(place, district))
    return found[:limit]
