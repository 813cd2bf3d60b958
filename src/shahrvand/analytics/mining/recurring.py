"""Recurring places: one address, or one spot of a few metres, reported again and again for
the same standard code within a window (docs/mining.md, "Recurring addresses")."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import h3

from shahrvand.categories.models import StandardCategory
from shahrvand.common.persian import ZWNJ, normalize_text

from .window import MAX_ROWS, Window

MIN_REPEATS = 3
# H3 resolution 11: cells of about 2,150 m² (edge ≈ 28 m), "the same spot" on a street.
SPOT_RESOLUTION = 11
_PUNCT = re.compile(r"[\W_]+")


def address_key(address: str) -> str:
    """The form under which two spellings of one address compare equal: normalised Persian,
    «آ» as «ا», ZWNJ and punctuation as spaces, single spaces. House numbers are kept."""
    text = normalize_text(address, keep_newlines=False).lower()
    text = text.replace("آ", "ا").replace(ZWNJ, " ")
    return " ".join(_PUNCT.sub(" ", text).split())


@dataclass
class RecurringPlace:
    kind: str  # "address" or "spot"
    label: str
    code: str
    name_fa: str = ""
    count: int = 0
    first: dt.datetime | None = None
    last: dt.datetime | None = None
    tracking_codes: list[str] = field(default_factory=list)
    lat: float | None = None
    lon: float | None = None


def _add(place: RecurringPlace, code: str, at: dt.datetime) -> None:
    place.count += 1
    place.first = at if place.first is None or at < place.first else place.first
    place.last = at if place.last is None or at > place.last else place.last
    if len(place.tracking_codes) < 5:
        place.tracking_codes.append(code)


def find_recurring(
    *, municipality_id: int, window: Window, min_repeats: int = MIN_REPEATS
) -> list[RecurringPlace]:
    """Addresses and spots with at least `min_repeats` reports of one code; most first.

    A place found both by address and by spot is listed under both: they answer different
    questions (the same written address; the same point on the map)."""
    # The latest MAX_ROWS reports of the window when it holds more (a 90-day window of a
    # city with a million reports a year): recent recurrence is what managers act on.
    rows = (
        window.reports(municipality_id)
        .order_by("-created_at")
        .values_list("tracking_code", "standard_id", "address", "lat", "lon", "created_at")[
            :MAX_ROWS
        ]
    )
    places: dict[tuple[str, str, str], RecurringPlace] = {}
    for tracking, code, address, lat, lon, at in rows:
        key = address_key(address) if address else ""
        if key:
            place = places.setdefault(
                ("address", key, code), RecurringPlace("address", address.strip(), code)
            )
            _add(place, tracking, at)
        if lat is not None and lon is not None:
            spot = str(h3.latlng_to_cell(lat, lon, SPOT_RESOLUTION))
            place = places.setdefault(("spot", spot, code), RecurringPlace("spot", spot, code))
            if place.lat is None:
                place.lat, place.lon = h3.cell_to_latlng(spot)
            _add(place, tracking, at)
    names = dict(StandardCategory.objects.values_list("code", "name_fa"))
    found = [p for p in places.values() if p.count >= min_repeats]
    for place in found:
        place.name_fa = names.get(place.code, place.code)
    found.sort(key=lambda p: (-p.count, p.kind, p.label))
    return found
