"""Deadlines across the Jalali new year: 1–4 Farvardin are holidays, converted from Jalali."""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.common.jalali import jalali_to_gregorian
from shahrvand.deadlines.business_hours import (
    DEFAULT_CALENDAR,
    TEHRAN,
    add_business_hours,
    business_hours_between,
)

NOWRUZ_1404 = [jalali_to_gregorian(1404, 1, day) for day in (1, 2, 3, 4)]
CALENDAR = DEFAULT_CALENDAR.with_holidays(NOWRUZ_1404)


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), TEHRAN)


def test_farvardin_holidays_convert_to_the_right_gregorian_dates():
    assert [dt.date(2025, 3, d) for d in (21, 22, 23, 24)] == NOWRUZ_1404
    assert jalali_to_gregorian(1403, 12, 30) == dt.date(2025, 3, 20)  # 1403 is a leap year


def test_report_on_the_last_thursday_of_the_year_is_due_after_the_holidays():
    last_thursday = jalali_to_gregorian(1403, 12, 30)
    assert last_thursday.weekday() == 3
    first_workday = jalali_to_gregorian(1404, 1, 5)  # Tuesday 25 March 2025

    assert add_business_hours(at(last_thursday, 11), 2, CALENDAR) == at(first_workday, 9)
    # Without the holidays Saturday 2 Farvardin would have been a working day.
    assert add_business_hours(at(last_thursday, 11), 2) == at(NOWRUZ_1404[1], 9)


def test_no_working_time_is_counted_during_nowruz():
    start = at(jalali_to_gregorian(1403, 12, 30), 12)
    end = at(jalali_to_gregorian(1404, 1, 5), 8)
    assert business_hours_between(start, end, CALENDAR) == 0
    assert business_hours_between(start, end) == pytest.approx(24)  # Sat, Sun, Mon × 8 h


@pytest.mark.parametrize("day", NOWRUZ_1404)
def test_start_on_a_holiday_counts_from_the_first_workday(day):
    first_workday = jalali_to_gregorian(1404, 1, 5)
    assert add_business_hours(at(day, 10), 8, CALENDAR) == at(first_workday, 16)


def test_week_spanning_new_year_inverse_is_consistent():
    start = at(jalali_to_gregorian(1403, 12, 26), 13, 15)  # Sunday 16 March 2025
    for hours in (1, 7.5, 20, 31, 40):
        deadline = add_business_hours(start, hours, CALENDAR)
        assert business_hours_between(start, deadline, CALENDAR) == pytest.approx(hours)
        assert deadline.astimezone(TEHRAN).date() not in NOWRUZ_1404
