"""What every geocoder adapter speaks: a query and the area to search in, places back."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any, Protocol

USER_AGENT = "Shahrvand-Geocoding/1 (+https://github.com/shahrvand)"


class GeocodingError(Exception):
    """The provider could not answer (unreachable, refused the key, answered nonsense)."""


@dataclass(frozen=True)
class Place:
    label: str
    lat: float
    lon: float


@dataclass(frozen=True)
class Area:
    """A municipality's bounding box: results outside it are dropped, whatever the provider."""

    min_lat: float
    max_lat: float
    min_lon: float
    max_lon: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.min_lat + self.max_lat) / 2, (self.min_lon + self.max_lon) / 2

    def contains(self, lat: float, lon: float) -> bool:
        return self.min_lat <= lat <= self.max_lat and self.min_lon <= lon <= self.max_lon


class Geocoder(Protocol):
    name: str

    def search(self, query: str, *, area: Area, limit: int) -> list[Place]:
        """Places matching `query` near or inside `area`, best first (unfiltered)."""
        ...


def http_request(
    url: str,
    *,
    data: bytes | None = None,
    method: str = "GET",
    headers: dict[str, str] | None = None,
) -> urllib.request.Request:
    """A request to a provider URL from settings; only http(s), never file: or others."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise GeocodingError(f"not an http(s) URL: {url!r}")
    return urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310 - scheme checked


def fetch_json(request: urllib.request.Request, *, timeout: float) -> Any:
    """The decoded JSON answer of `request`; any failure is a GeocodingError."""
    request.add_header("Accept", "application/json")
    request.add_header("User-Agent", USER_AGENT)
    try:
        # bandit B310: the provider URL comes from settings (SHAHRVAND_GEOCODER_URL)
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 # nosec B310
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise GeocodingError(f"HTTP {exc.code}") from exc
    except (urllib.error.URLError, OSError) as exc:
        raise GeocodingError(f"network error: {getattr(exc, 'reason', exc)}") from exc
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise GeocodingError("the answer is not JSON") from exc


def as_float(value: object) -> float | None:
    try:
        return float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
