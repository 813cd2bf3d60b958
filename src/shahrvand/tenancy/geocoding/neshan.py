"""Neshan (نشان) place search, from its public API documentation.

GET {base}/v1/search?term=…&lat=…&lng=… with the key in the `Api-Key` header. The point
is where results are ranked from (we give the municipality's centre); at most 30 come
back, nearest first:

    {"count": 2, "items": [{"title": "…", "address": "…", "neighbourhood": "…",
      "region": "…", "type": "…", "category": "…", "location": {"x": lng, "y": lat}}]}

Errors come as an HTTP status with a JSON body (e.g. 470 invalid key, 480 key missing,
481 over the limit).
"""

from __future__ import annotations

import urllib.parse

from .base import Area, GeocodingError, Place, as_float, fetch_json, http_request

DEFAULT_URL = "https://api.neshan.org"


class NeshanGeocoder:
    name = "neshan"

    def __init__(self, *, api_key: str, base_url: str = DEFAULT_URL, timeout: float = 5):
        self.base_url = base_url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    def search(self, query: str, *, area: Area, limit: int) -> list[Place]:
        if not self.api_key:
            raise GeocodingError("Neshan needs SHAHRVAND_GEOCODER_KEY")
        lat, lng = area.center
        params = urllib.parse.urlencode({"term": query, "lat": f"{lat:.6f}", "lng": f"{lng:.6f}"})
        request = http_request(
            f"{self.base_url}/v1/search?{params}", headers={"Api-Key": self.api_key}
        )
        answer = fetch_json(request, timeout=self.timeout)
        items = answer.get("items") if isinstance(answer, dict) else None
        if not isinstance(items, list):
            raise GeocodingError("Neshan: no items in the answer")
        places = []
        for item in items:
            location = item.get("location") if isinstance(item, dict) else None
            if not isinstance(location, dict):
                continue
            y, x = as_float(location.get("y")), as_float(location.get("x"))
            if y is None or x is None:
                continue
            parts = [str(item.get(k) or "") for k in ("title", "address")]
            places.append(Place("، ".join(p for p in parts if p), y, x))
        return places[:limit]
