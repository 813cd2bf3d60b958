"""Point-in-polygon lookup of districts and the H3 index of a location."""

from __future__ import annotations

from typing import Any

import h3
from shapely.geometry import Point, shape

from .models import District, Municipality

H3_RESOLUTION = 9  # ~0.1 km² cells: street-block scale for hotspots and proximity


def cell_for(lat: float, lon: float) -> str:
    return str(h3.latlng_to_cell(lat, lon, H3_RESOLUTION))


def boundary_bbox(boundary: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a GeoJSON polygon."""
    min_lon, min_lat, max_lon, max_lat = shape(boundary).bounds
    return min_lat, max_lat, min_lon, max_lon


def district_at(municipality: Municipality, lat: float, lon: float) -> District | None:
    """The district of `municipality` containing the point, or None when outside all of them.

    One indexed bbox query narrows the candidates; shapely decides on the real polygon.
    """
    candidates = District.objects.filter(
        municipality=municipality,
        min_lat__lte=lat,
        max_lat__gte=lat,
        min_lon__lte=lon,
        max_lon__gte=lon,
    )
    point = Point(lon, lat)
    for district in candidates:
        if shape(district.boundary).covers(point):  # a few candidates, tens of vertices each
            return district
    return None
