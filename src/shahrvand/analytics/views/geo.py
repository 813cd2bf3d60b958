"""GeoJSON for the analytics maps, computed on the server: H3 cell boundaries and
district polygons with their counts (the browser only colours what it is given)."""

from __future__ import annotations

from typing import Any

import h3

from shahrvand.analytics.selectors.types import DistrictCount, HexCount
from shahrvand.tenancy.models import District

from .cards import fa_number


def hex_features(counts: list[HexCount]) -> dict[str, Any]:
    features = []
    for row in counts:
        ring = [[round(lng, 6), round(lat, 6)] for lat, lng in h3.cell_to_boundary(row.cell)]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "cell": row.cell,
                    "count": row.count,
                    "label": f"{fa_number(row.count)} گزارش",
                },
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def district_features(counts: list[DistrictCount]) -> dict[str, Any]:
    boundaries = dict(
        District.objects.filter(pk__in=[c.district_id for c in counts]).values_list(
            "pk", "boundary"
        )
    )
    features = []
    for row in counts:
        rate = (
            "جمعیت ثبت نشده" if row.per_10k is None else f"{fa_number(row.per_10k)} در ۱۰ هزار نفر"
        )
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "district": row.number,
                    "received": row.received,
                    "per_10k": row.per_10k,
                    "label": f"{row.name_fa}: {fa_number(row.received)} گزارش ({rate})",
                },
                "geometry": boundaries.get(row.district_id),
            }
        )
    return {"type": "FeatureCollection", "features": [f for f in features if f["geometry"]]}
