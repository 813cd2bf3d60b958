"""Point-in-polygon lookup of districts and the H3 index of a location."""

from __future__ import annotations

from typing import Any

import h3
from shapely import prepare
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

from shahrvand.common.localcopy import local_copy

from .models import District, Municipality

H3_RESOLUTION = 9  # ~0.1 km² cells: street-block scale for hotspots and proximity


def cell_for(lat: float, lon: float) -> str:
    return str(h3.latlng_to_cell(lat, lon, H3_RESOLUTION))


def boundary_bbox(boundary: dict[str, Any]) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) of a GeoJSON polygon."""
    min_lon, min_lat, max_lon, max_lat = shape(boundary).bounds
    return min_lat, max_lat, min_lon, max_lon


def _district_shapes(municipality_id: int) -> list[tuple[District, BaseGeometry]]:
    rows = District.objects.filter(municipality_id=municipality_id).order_by("number")
    shapes = []
    for district in rows:
        polygon = shape(district.boundary)
        prepare(polygon)  # repeated point tests on the same polygon
        shapes.append((district, polygon))
    return shapes


def district_at(municipality: Municipality, lat: float, lon: float) -> District | None:
    """The district of `municipality` containing the point, or None when outside all of them.

    The polygons are built once per process (common.localcopy, dropped on any district
    change); the bbox columns narrow the candidates, shapely decides on the real polygon.
    """
    point = Point(lon, lat)
    for district, polygon in local_copy(
        "district-shapes", municipality.pk, lambda: _district_shapes(municipality.pk)
    ):
        if not (
            district.min_lat <= lat <= district.max_lat
            and district.min_lon <= lon <= district.max_lon
        ):
            continue
        if polygon.covers(point):
            return district
    return None
