"""Deadline arithmetic in business hours.

The default Iranian public-office week: Saturday to Wednesday 08:00–16:00, Thursday
08:00–12:00, Friday closed, in Asia/Tehran local time. Holidays are whole dates (the
official calendar, province closures and local days, all Jalali, are converted to Gregorian
dates before they reach this module: deadlines.calendar). Pure functions: no database
access here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

TEHRAN = ZoneInfo("Asia/Tehran")

# Python weekday(): Monday=0 … Sunday=6. Saturday=5, Friday=4.
DEFAULT_WEEK: Mapping[int, tuple[dt.time, dt.time] | None] = {
    5: (dt.time(8), dt.time(16)),  # شنبه
    6: (dt.time(8), dt.time(16)),  # یکشنبه
    0: (dt.time(8), dt.time(16)),  # دوشنبه
    1: (dt.time(8), dt.time(16)),  # سه‌شنبه
    2: (dt.time(8), dt.time(16)),  # چهارشنبه
    3: (dt.time(8), dt.time(12)),  # پنجشنبه (half day)
    4: None,  # جمعه
}


@dataclass(frozen=True)
class WorkCalendar:
    week: Mapping[int, tuple[dt.time, dt.time] | None] = field(default_factory=lambda: DEFAULT_WEEK)
    holidays: frozenset[dt.date] = frozenset()
    tz: ZoneInfo = TEHRAN

    def with_holidays(self, dates: Iterable[dt.date]) -> WorkCalendar:
        return WorkCalendar(self.week, frozenset(dates) | self.holidays, self.tz)

    def window(self, day: dt.date) -> tuple[dt.datetime, dt.datetime] | None:
        """The working interval of `day` in local time, or None if closed."""
        if day in self.holidays:
            return None
        hours = self.week.get(day.weekday())
        if hours is None:
            return None
        return (
            dt.datetime.combine(day, hours[0], self.tz),
            dt.datetime.combine(day, hours[1], self.tz),
        )


DEFAULT_CALENDAR = WorkCalendar()
_MAX_DAYS = 3660  # a guard against calendars with no working day at all


def add_business_hours(
    start: dt.datetime, hours: float, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> dt.datetime:
    """The moment `hours` working hours after `start` (aware), returned in UTC."""
    remaining = dt.timedelta(hours=hours)
    local = start.astimezone(calendar.tz)
    day = local.date()
    for _ in range(_MAX_DAYS):
        win = calendar.window(day)
        if win is not None:
            begin = max(win[0], local)
            if begin < win[1]:
                available = win[1] - begin
                if remaining <= available:
                    return (begin + remaining).astimezone(dt.UTC)
                remaining -= available
        day += dt.timedelta(days=1)
        local = dt.datetime.combine(day, dt.time(0), calendar.tz)
    raise ValueError("work calendar has no working time")


def business_hours_between(
    start: dt.datetime, end: dt.datetime, calendar: WorkCalendar = DEFAULT_CALENDAR
) -> float:
    """Working hours elapsed from `start` to `end` (0 if end <= start)."""
    if end <= start:
        return 0.0
    total = dt.timedelta()
    s, e = start.astimezone(calendar.tz), end.astimezone(calendar.tz)
    day = s.date()
    while day <= e.date():
        win = calendar.window(day)
        if win is not None:
            lo, hi = max(win[0], s), min(win[1], e)
            if hi > lo:
                total += hi - lo
        day += dt.timedelta(days=1)
    return total.total_seconds() / 3600
