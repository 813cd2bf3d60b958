"""One local HTTP server speaking three geocoders' real protocols, for the adapter tests
and the browser test: Nominatim (GET /search?format=jsonv2&q=…), Neshan (GET
/v1/search?term=…&lat=…&lng=…, key in the Api-Key header) and Map.ir (POST
/search/v2/autocomplete with a JSON body, key in the x-api-key header).

Its gazetteer: places in and around the test municipality of tests.tenancy.factories
(a 0.1° square around 35.70, 51.40; district 2 east of longitude 51.40).
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from tests.fakehttp import LocalServer, QuietHandler

API_KEY = "service.test-geocoding-key"
PLACES = [
    # (name, address, lat, lon)
    ("میدان ونک", "تهران، خیابان ولیعصر", 35.7100, 51.4300),  # district 2
    ("میدان ونک", "شهر دیگر، بیرون از محدوده", 35.9000, 51.9000),  # outside the city
    ("پارک ساعی", "تهران، خیابان ولیعصر", 35.6800, 51.3700),  # district 1
]


def _matches(query: str) -> list[tuple[str, str, float, float]]:
    return [p for p in PLACES if query and (query in p[0] or query in p[1])]


class FakeGeocoders:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(QuietHandler):
            def _record(self, body: bytes = b"") -> dict[str, Any]:
                parts = urllib.parse.urlsplit(self.path)
                entry = {
                    "method": self.command,
                    "path": parts.path,
                    "query": dict(urllib.parse.parse_qsl(parts.query)),
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": body,
                }
                fake.requests.append(entry)
                return entry

            def _answer(self, status: int, document: Any) -> None:
                payload = json.dumps(document, ensure_ascii=False).encode("utf-8")
                self.send_json(status, payload, "application/json; charset=utf-8")

            def do_GET(self) -> None:
                entry = self._record()
                if entry["path"] == "/search":
                    self._nominatim(entry["query"])
                elif entry["path"] == "/v1/search":
                    self._neshan(entry)
                else:
                    self._answer(404, {"error": "not found"})

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                entry = self._record(body)
                if entry["path"] != "/search/v2/autocomplete":
                    self._answer(404, {"message": "not found"})
                elif entry["headers"].get("x-api-key") != API_KEY:
                    self._answer(401, {"message": "Unauthenticated."})
                else:
                    text = json.loads(body.decode("utf-8")).get("text", "")
                    value = [
                        {
                            "type": "poi",
                            "title": name,
                            "address": address,
                            "province": "تهران",
                            "city": "تهران",
                            "geom": {"type": "Point", "coordinates": [lon, lat]},
                        }
                        for name, address, lat, lon in _matches(text)
                    ]
                    self._answer(200, {"odata.count": len(value), "value": value})

            def _nominatim(self, query: dict[str, str]) -> None:
                if query.get("format") != "jsonv2" or "q" not in query:
                    self._answer(400, {"error": {"code": 400, "message": "bad request"}})
                    return
                places = _matches(query["q"])
                if query.get("bounded") == "1" and "viewbox" in query:
                    left, top, right, bottom = map(float, query["viewbox"].split(","))
                    places = [p for p in places if bottom <= p[2] <= top and left <= p[3] <= right]
                self._answer(
                    200,
                    [
                        {
                            "place_id": i,
                            "lat": f"{lat:.7f}",
                            "lon": f"{lon:.7f}",
                            "display_name": f"{name}، {address}",
                            "category": "place",
                        }
                        for i, (name, address, lat, lon) in enumerate(places, 1)
                    ][: int(query.get("limit", "10"))],
                )

            def _neshan(self, entry: dict[str, Any]) -> None:
                key = entry["headers"].get("api-key")
                if not key:
                    self._answer(480, {"status": "ERROR", "code": 480, "message": "Key not found"})
                    return
                if key != API_KEY:
                    self._answer(470, {"status": "ERROR", "code": 470, "message": "Invalid key"})
                    return
                query = entry["query"]
                if not {"term", "lat", "lng"} <= set(query):
                    self._answer(422, {"status": "ERROR", "code": 422, "message": "Bad params"})
                    return
                items = [
                    {
                        "title": name,
                        "address": address,
                        "neighbourhood": "ونک",
                        "region": "تهران",
                        "type": "square",
                        "category": "place",
                        "location": {"x": lon, "y": lat, "z": "NaN"},
                    }
                    for name, address, lat, lon in _matches(query["term"])
                ]
                self._answer(200, {"count": len(items), "items": items})

        self._local = LocalServer(Handler)
        self.url = self._local.base_url

    def close(self) -> None:
        self._local.close()
