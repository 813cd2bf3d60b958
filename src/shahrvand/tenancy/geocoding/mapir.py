"""Map.ir search (autocomplete), from its public API documentation.

POST {base}/search/v2/autocomplete with a JSON body {"text": …, "lat": …, "lon": …} (the
point ranks results by distance) and the key in the `x-api-key` header. The answer:

    {"odata.count": 1, "value": [{"title": "…", "address": "…", "province": "…",
      "city": "…", "type": "…", "geom": {"type": "Point", "coordinates": [lon, lat]}}]}
"""

from __future__ import annotations

import json

from .base import Area, GeocodingError, Place, as_float, fetch_json, http_request

DEFAULT_URL = "https://map.ir"


class MapirGeocoder:
    name = "mapir"

    def __init__(self, *, api_key: str, base_url: str = DEFAULT_URL, timeout: float = 5):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def search(self, query: str, *, area: Area, limit: int) -> list[Place]:
        if not self.api_key:
            raise GeocodingError("Map.ir needs SHAHRVAND_GEOCODER_KEY")
        lat, lon = area.center
        body = json.dumps({"text": query, "lat": lat, "lon": lon}).encode("utf-8")
        request = http_request(
            f"{self.base_url}/search/v2/autocomplete",
            data=body,
            method="POST",
            headers={"x-api-key": self.api_key, "Content-Type": "application/json"},
        )
        answer = fetch_json(request, timeout=self.timeout)
        values = answer.get("value") if isinstance(answer, dict) else None
        if not isinstance(values, list):
            raise GeocodingError("Map.ir: no value in the answer")
        places = []
        for item in values:
            geom = item.get("geom") if isinstance(item, dict) else None
            coords = geom.get("coordinates") if isinstance(geom, dict) else None
            if not isinstance(coords, list) or len(coords) < 2:
                continue
            lon_, lat_ = as_float(coords[0]), as_float(coords[1])
            if lat_ is None or lon_ is None:
                continue
            parts = [str(item.get(k) or "") for k in ("title", "address")]
            places.append(Place("، ".join(p for p in parts if p), lat_, lon_))
        return places[:limit]
