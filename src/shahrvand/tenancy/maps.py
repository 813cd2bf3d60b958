"""The base map each page draws (decision 0038): the municipality's own provider when it
has one (MunicipalityMap), else the global SHAHRVAND_TILE_URL.

`map_config()` is the JSON every map page embeds (json_script) for the one JS module that
builds the base layer (shahrvand/js/basemap.js). Keys come from the environment (or
settings) by name; a tile key necessarily reaches the browser, which fetches the tiles, so
only browser keys restricted to the site's domain belong there.
"""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse

from shahrvand.common.localcopy import local_copy

from .models import Municipality, MunicipalityMap

# Map.ir's raster tiles (Leaflet-compatible XYZ); the key goes in the x-api-key parameter.
MAPIR_TILES = (
    "https://map.ir/shiveh/xyz/1.0.0/Shiveh:Shiveh@EPSG:3857@png/{z}/{x}/{y}.png?x-api-key={key}"
)
DEFAULT_ATTRIBUTION: dict[str, str] = {
    MunicipalityMap.Kind.MAPIR: "© Map.ir",
    MunicipalityMap.Kind.NESHAN: "© نشان",
}
# RESTful WMTS templates name the grid like this; Leaflet's XYZ layer speaks {z}/{x}/{y}.
WMTS_PLACEHOLDERS = {"{TileMatrix}": "{z}", "{TileCol}": "{x}", "{TileRow}": "{y}"}


def _key(name: str) -> str:
    if not name:
        return ""
    return str(getattr(settings, name, "") or os.environ.get(name, ""))


def tile_layer(config: MunicipalityMap | None) -> dict[str, Any]:
    """URL template, attribution and zoom of the base layer for `config` (None: global)."""
    if config is None:
        return {
            "kind": "xyz",
            "url": settings.SHAHRVAND_TILE_URL,
            "attribution": settings.SHAHRVAND_TILE_ATTRIBUTION,
            "maxZoom": 19,
        }
    url = config.url_template
    if not url and config.kind == MunicipalityMap.Kind.MAPIR:
        url = MAPIR_TILES
    if config.kind == MunicipalityMap.Kind.WMTS:
        for name, placeholder in WMTS_PLACEHOLDERS.items():
            url = url.replace(name, placeholder)
    url = url.replace("{key}", _key(config.api_key_setting)) or settings.SHAHRVAND_TILE_URL
    return {
        "kind": config.kind,
        "url": url,
        "attribution": config.attribution or DEFAULT_ATTRIBUTION.get(str(config.kind), ""),
        "maxZoom": config.max_zoom,
    }


def _configs() -> dict[int, MunicipalityMap]:
    return {c.municipality_id: c for c in MunicipalityMap.objects.all()}


def municipality_map(municipality_id: int | None) -> MunicipalityMap | None:
    if municipality_id is None:
        return None
    return local_copy("map-configs", 0, _configs).get(municipality_id)


def map_config(municipality: Municipality | None) -> dict[str, Any]:
    """What basemap.js needs: the base layer, where to centre, the district outlines and
    whether the address search is available."""
    config: dict[str, Any] = {
        "tiles": tile_layer(municipality_map(municipality.pk if municipality else None)),
        "geocoder": bool(getattr(settings, "SHAHRVAND_GEOCODER", "")),
    }
    if municipality is not None:
        config["center"] = [municipality.center_lat, municipality.center_lon]
        config["districts"] = reverse("citizen:districts_geojson", args=[municipality.slug])
    return config


def tile_origin(url: str) -> str:
    """scheme://host[:port] of a tile URL template ("" for a same-origin path)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
