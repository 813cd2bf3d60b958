"""Open data export of reports: no personal data, coarse places, streamed row by row.

What is left out and why (docs/open-data.md): reporter name and phone, followers, staff
names, free texts (description, address, notes, feedback comments: people write names,
phone numbers and house numbers in them), attachments and media links, tracking codes (a
tracking code opens the citizen's own report page), and reports staff marked non-public.
Coordinates are replaced by the centre of the report's H3 resolution-8 cell (about
0.76 km², common.privacy.coarse_point), so a point moves by 0.33 km on average and at most
~0.56 km.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

from django.db.models import F

from shahrvand.common.errors import DomainError
from shahrvand.common.privacy import coarse_point
from shahrvand.common.spreadsheet import safe_row
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Municipality

from ..mining.window import Window

SCHEMA_ID = "https://shahrvand.example/schemas/open-data-reports-v1.json"
MAX_DAYS = 366
CHUNK = 2_000

FIELDS = (
    "id",
    "municipality",
    "district",
    "standard_code",
    "category",
    "channel",
    "priority",
    "status",
    "created_at",
    "first_response_at",
    "resolved_at",
    "closed_at",
    "within_deadline",
    "is_duplicate",
    "satisfaction",
    "h3_cell",
    "lat",
    "lon",
)


class OpenDataError(DomainError):
    code = "invalid_range"


def _date(raw: str, name: str) -> dt.date:
    try:
        value = dt.date.fromisoformat(raw)
        if value.year < 1900:  # a Jalali date such as 1405-08-01 read as Gregorian
            raise ValueError(raw)
        return value
    except ValueError as exc:
        raise OpenDataError(
            f"تاریخ «{name}» باید به شکل YYYY-MM-DD (میلادی) باشد، مثلاً 2026-11-01.",
            message_en=f"{name} must be an ISO date (YYYY-MM-DD).",
            field=name,
        ) from exc


def parse_range(raw_from: str, raw_to: str) -> tuple[dt.date, dt.date]:
    """Two ISO dates (inclusive local days), at most MAX_DAYS apart; OpenDataError otherwise."""
    first, last = _date(raw_from, "from"), _date(raw_to, "to")
    if first > last:
        raise OpenDataError(
            "تاریخ شروع بعد از تاریخ پایان است.",
            message_en="from is after to.",
            field="from",
        )
    if (last - first).days + 1 > MAX_DAYS:
        raise OpenDataError(
            f"بازهٔ خروجی حداکثر {MAX_DAYS} روز است؛ آن را در چند بخش بگیرید.",
            message_en=f"The range may span at most {MAX_DAYS} days.",
            field="to",
        )
    return first, last


def _iso(value: dt.datetime | None) -> str | None:
    return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z") if value else None


def rows(*, municipality: Municipality, first: dt.date, last: dt.date) -> Iterator[dict[str, Any]]:
    """The export's records, oldest first, read in chunks by a server-side cursor; only
    the columns listed here are ever loaded. Reports staff marked non-public are left out."""
    window = Window(first, last)
    query = (
        Report.objects.filter(
            municipality=municipality,
            created_at__gte=window.start,
            created_at__lt=window.end,
            is_public=True,
            # A category the classifier only guessed is not published (decision 0039), and
            # the file's standard_code must be one of the 17: such a report is left out.
            awaiting_category=False,
        )
        .order_by("created_at", "pk")
        .values(
            "pk",
            "standard_id",
            "channel",
            "priority",
            "status",
            "created_at",
            "first_response_at",
            "resolved_at",
            "closed_at",
            "deadline",
            "duplicate_of_id",
            "satisfaction",
            "lat",
            "lon",
            district_number=F("district__number"),
            category_name=F("category__name_fa"),
        )
    )
    for r in query.iterator(chunk_size=CHUNK):
        cell, lat, lon = coarse_point(r["lat"], r["lon"])
        done = r["resolved_at"] or r["closed_at"]
        yield {
            "id": r["pk"],
            "municipality": municipality.slug,
            "district": r["district_number"],
            "standard_code": r["standard_id"],
            "category": r["category_name"],
            "channel": r["channel"],
            "priority": r["priority"],
            "status": r["status"],
            "created_at": _iso(r["created_at"]),
            "first_response_at": _iso(r["first_response_at"]),
            "resolved_at": _iso(r["resolved_at"]),
            "closed_at": _iso(r["closed_at"]),
            "within_deadline": (done <= r["deadline"]) if done and r["deadline"] else None,
            "is_duplicate": r["duplicate_of_id"] is not None,
            "satisfaction": r["satisfaction"],
            "h3_cell": cell,
            "lat": lat,
            "lon": lon,
        }


class _Line:
    """A file-like object whose write returns what was written (csv.writer → generator)."""

    def write(self, text: str) -> str:
        return text


def stream_csv(records: Iterator[dict[str, Any]]) -> Iterator[str]:
    """UTF-8 CSV with a BOM (so spreadsheet programs read Persian), header first; booleans
    as true/false, missing values empty. Meant for spreadsheets too, so text cells that a
    spreadsheet would run as a formula (a category named "=…") get a leading quote; numbers
    (lat/lon, ids) stay as they are. The JSON export is never escaped."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(FIELDS)
    for record in records:
        yield writer.writerow(
            safe_row(
                ("true" if v else "false") if isinstance(v, bool) else ("" if v is None else v)
                for v in (record[f] for f in FIELDS)
            )
        )


def stream_json(
    records: Iterator[dict[str, Any]], *, municipality: Municipality, first: dt.date, last: dt.date
) -> Iterator[str]:
    """One JSON document ({"$schema", municipality, from, to, reports: [...]}) written a
    record at a time."""
    head = {
        "$schema": SCHEMA_ID,
        "municipality": municipality.slug,
        "from": first.isoformat(),
        "to": last.isoformat(),
    }
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "reports": ['
    separator = ""
    for record in records:
        yield separator + json.dumps(record, ensure_ascii=False)
        separator = ","
    yield "]}\n"
