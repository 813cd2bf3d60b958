"""Nominatim (OpenStreetMap's geocoder, self-hosted or a hosted compatible service).

GET {base}/search?q=…&format=jsonv2&limit=…&viewbox=<left>,<top>,<right>,<bottom>&bounded=1
answers a JSON list of places, each with "lat" and "lon" as strings and "display_name".
A self-hosted server needs no key; hosted Nominatim-compatible services take one as the
`key` parameter. The public nominatim.openstreetmap.org allows one request a second and a
real User-Agent: point SHAHRVAND_GEOCODER_URL at your own server for production.
"""

from __future__ import annotations

import urllib.parse

from .base import Area, GeocodingError, Place, as_float, fetch_json, http_request

DEFAULT_URL = "https://nominatim.openstreetmap.org"


class NominatimGeocoder:
    name = "nominatim"

    def __init__(self, *, base_url: str = DEFAULT_URL, api_key: str = "", timeout: float = 5):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def search(self, query: str, *, area: Area, limit: int) -> list[Place]:
        params = {
            "q": query,
            "format": "jsonv2",
            "limit": str(limit),
            "viewbox": ",".join(
                f"{v:.6f}" for v in (area.min_lon, area.max_lat, area.max_lon, area.min_lat)
            ),
            "bounded": "1",
            "accept-language": "fa",
        }
        if self.api_key:
            params["key"] = self.api_key
        url = f"{self.base_url}/search?{urllib.parse.urlencode(params)}"
        answer = fetch_json(http_request(url), timeout=self.timeout)
        if not isinstance(answer, list):
            raise GeocodingError("Nominatim: expected a list")
        places = []
        for item in answer:
            if not isinstance(item, dict):
                continue
            lat, lon = as_float(item.get("lat")), as_float(item.get("lon"))
            if lat is not None and lon is not None:
                places.append(Place(str(item.get("display_name", "")), lat, lon))
        return places
