"""The period picker: Jalali on screen, Gregorian dates underneath.

A period is read from the query string: either a preset (`this Jalali month`, `last three
Jalali months`, `this Jalali year`) or explicit Jalali `from`/`to` dates. Bad input never
fails the page: the default period is shown with a Persian message saying what was wrong.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlencode

import jdatetime
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from shahrvand.common.jalali import format_jalali, format_jalali_long
from shahrvand.common.persian import to_persian_digits
from shahrvand.deadlines.models import parse_jalali

Granularity = Literal["week", "month"]
PRESETS: dict[str, str] = {
    "month": "این ماه",
    "quarter": "سه ماه اخیر",
    "year": "امسال",
}


@dataclass(frozen=True)
class Period:
    start: dt.date  # inclusive
    end: dt.date  # inclusive
    granularity: Granularity
    preset: str = ""
    errors: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return f"{format_jalali_long(self.start)} تا {format_jalali_long(self.end)}"

    @property
    def start_jalali(self) -> str:
        return format_jalali(self.start, with_time=False)

    @property
    def end_jalali(self) -> str:
        return format_jalali(self.end, with_time=False)

    def query(self) -> str:
        """The query string that reproduces this period (for CSV links and tabs)."""
        params: dict[str, str] = {"by": self.granularity}
        if self.preset:
            params["preset"] = self.preset
        else:
            params["from"] = _ascii_jalali(self.start)
            params["to"] = _ascii_jalali(self.end)
        return urlencode(params)


def _ascii_jalali(value: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=value)
    return f"{j.year:04d}/{j.month:02d}/{j.day:02d}"


def today() -> dt.date:
    return timezone.localdate()


def preset_range(preset: str, *, on: dt.date) -> tuple[dt.date, dt.date]:
    """First and last day of a preset ending today (`on`)."""
    j = jdatetime.date.fromgregorian(date=on)
    if preset == "year":
        first = jdatetime.date(j.year, 1, 1)
    elif preset == "quarter":
        month, year = j.month - 2, j.year
        if month < 1:
            month, year = month + 12, year - 1
        first = jdatetime.date(year, month, 1)
    else:
        first = jdatetime.date(j.year, j.month, 1)
    start: dt.date = first.togregorian()
    return start, on


def default_granularity(start: dt.date, end: dt.date) -> Granularity:
    return "week" if (end - start).days <= 93 else "month"


def parse_period(params: QueryDict, *, on: dt.date | None = None) -> Period:
    """The period asked for in `params`; the current Jalali month if absent or invalid."""
    on = on or today()
    errors: list[str] = []
    preset = params.get("preset", "")
    raw_from, raw_to = params.get("from", "").strip(), params.get("to", "").strip()
    start: dt.date | None = None
    end: dt.date | None = None
    if raw_from or raw_to:
        preset = ""
        try:
            start = parse_jalali(raw_from) if raw_from else None
            end = parse_jalali(raw_to) if raw_to else on
        except ValidationError as exc:
            errors.append(f"تاریخ بازه درست نیست: {exc.message_dict['jalali'][0]}")
            start = end = None
        if start is None and not errors:
            errors.append("تاریخ شروع بازه را وارد کنید.")
        if start and end and start > end:
            errors.append("تاریخ شروع بازه پس از تاریخ پایان است.")
            start = end = None
        limit = settings.SHAHRVAND_ANALYTICS_MAX_RANGE_DAYS  # the selectors' own limit
        if start and end and (end - start).days + 1 > limit:
            errors.append(f"بازه حداکثر {to_persian_digits(limit)} روز می‌تواند باشد.")
            start = end = None
    if start is None or end is None:
        if preset not in PRESETS:
            preset = "month"
        start, end = preset_range(preset, on=on)
    by = params.get("by", "")
    granularity: Granularity = (
        by if by in ("week", "month") else default_granularity(start, end)  # type: ignore[assignment]
    )
    return Period(start, end, granularity, preset, tuple(errors))
