"""The demo municipalities and their districts (polygons from data/districts-*.json)."""

from __future__ import annotations

from shahrvand.tenancy.geo import boundary_bbox
from shahrvand.tenancy.models import District, Municipality

from .data import municipality_rows, read


def load_geography() -> dict[str, Municipality]:
    """Create the municipalities and their districts; return the municipalities by slug."""
    province = str(read("municipalities.json")["province"])
    created: dict[str, Municipality] = {}
    for row in municipality_rows():
        municipality = Municipality.objects.create(
            slug=row["slug"],
            name_fa=row["name_fa"],
            name_en=row["name_en"],
            province=province,
            population=row["population"],
            center_lat=row["center_lat"],
            center_lon=row["center_lon"],
        )
        districts = []
        for item in read(row["districts_file"])["districts"]:
            min_lat, max_lat, min_lon, max_lon = boundary_bbox(item["boundary"])
            districts.append(
                District(
                    municipality=municipality,
                    number=item["number"],
                    name_fa=item["name_fa"],
                    population=item["population"],
                    boundary=item["boundary"],
                    min_lat=min_lat,
                    max_lat=max_lat,
                    min_lon=min_lon,
                    max_lon=max_lon,
                )
            )
        District.objects.bulk_create(districts)
        created[municipality.slug] = municipality
    return created
