"""Iran's official public holidays, built into the product (decision 0035).

Solar (Jalali) holidays are fixed dates, computed here for any year. Lunar (Hijri) holidays
move with moon sighting, so they are data: `data/official_lunar_holidays.json`, the official
calendar's dates where published and estimates (±1 day) after that, for Jalali 1403–1410.
Pure: no database; the calendar and the holiday lists add province and local rows on top.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import jdatetime

from shahrvand.common.jalali import jalali_to_gregorian

SOLAR = "official-solar"
LUNAR = "official-lunar"
PROVINCE = "province"
LOCAL = "local"
KINDS = (SOLAR, LUNAR, PROVINCE, LOCAL)

SOLAR_SOURCE = "قانون کار و مصوبات تعطیلات رسمی (تقویم رسمی کشور)"
DATA_FILE = Path(__file__).resolve().parent / "data" / "official_lunar_holidays.json"

# (month, day, Persian name, English name). 30 Esfand (leap years only) is added below.
SOLAR_HOLIDAYS: tuple[tuple[int, int, str, str], ...] = (
    (1, 1, "آغاز نوروز", "Nowruz"),
    (1, 2, "عید نوروز", "Nowruz holiday"),
    (1, 3, "عید نوروز", "Nowruz holiday"),
    (1, 4, "عید نوروز", "Nowruz holiday"),
    (1, 12, "روز جمهوری اسلامی ایران", "Islamic Republic Day"),
    (1, 13, "روز طبیعت", "Nature Day (Sizdah Bedar)"),
    (3, 14, "رحلت امام خمینی", "Death of Imam Khomeini"),
    (3, 15, "قیام ۱۵ خرداد", "15 Khordad uprising"),
    (11, 22, "پیروزی انقلاب اسلامی", "Islamic Revolution Day"),
    (12, 29, "روز ملی شدن صنعت نفت", "Oil Nationalisation Day"),
)


@dataclass(frozen=True)
class HolidayDay:
    """One day off as shown to people and the API: where it comes from and why."""

    date: dt.date
    jalali: str  # "YYYY-MM-DD", ASCII
    name_fa: str
    name_en: str
    kind: str  # one of KINDS
    source: str
    estimated: bool = False


def jalali_text(day: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year:04d}-{j.month:02d}-{j.day:02d}"


def solar_holidays(year: int) -> list[HolidayDay]:
    """The fixed-date official holidays of Jalali `year` (any year jdatetime knows)."""
    days = [
        HolidayDay(
            jalali_to_gregorian(year, month, day),
            f"{year:04d}-{month:02d}-{day:02d}",
            fa,
            en,
            SOLAR,
            SOLAR_SOURCE,
        )
        for month, day, fa, en in SOLAR_HOLIDAYS
    ]
    if jdatetime.date(year, 1, 1).isleap():
        # The last day of the year is a holiday: in ordinary years it is 29 Esfand (above);
        # in a leap year the official calendar also closes 30 Esfand (as in 1403).
        days.append(
            HolidayDay(
                jalali_to_gregorian(year, 12, 30),
                f"{year:04d}-12-30",
                "آخرین روز سال",
                "Last day of the year",
                SOLAR,
                SOLAR_SOURCE,
            )
        )
    return days


@cache
def _lunar_rows() -> tuple[HolidayDay, ...]:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    rows = []
    for row in data["holidays"]:
        year, month, day = (int(part) for part in row["jalali"].split("-"))
        rows.append(
            HolidayDay(
                jalali_to_gregorian(year, month, day),
                row["jalali"],
                row["name_fa"],
                row["name_en"],
                LUNAR,
                row["source"],
                estimated=row["status"] != "official",
            )
        )
    return tuple(rows)


def lunar_years() -> tuple[int, int]:
    """The first and last Jalali year the lunar data covers."""
    years = [int(row.jalali[:4]) for row in _lunar_rows()]
    return min(years), max(years)


def lunar_holidays(year: int) -> list[HolidayDay]:
    """The lunar official holidays of Jalali `year`; empty outside the data's years."""
    return [row for row in _lunar_rows() if row.jalali.startswith(f"{year:04d}-")]


def official_holidays(year: int) -> list[HolidayDay]:
    """Solar and lunar official holidays of Jalali `year`, by date (a day can carry two
    occasions, e.g. Nowruz and Eid al-Fitr in 1405: both are listed)."""
    return sorted([*solar_holidays(year), *lunar_holidays(year)], key=lambda h: h.date)


@cache
def official_dates(first_year: int, last_year: int) -> frozenset[dt.date]:
    """Every official holiday date from Jalali `first_year` to `last_year` inclusive."""
    return frozenset(
        h.date for year in range(first_year, last_year + 1) for h in official_holidays(year)
    )
