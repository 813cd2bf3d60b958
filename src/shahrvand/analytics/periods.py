"""Jalali calendar periods: month starts, week starts, and splitting a date range into
whole Jalali months (read from monthly rollups) and leftover days (read from daily ones)."""

from __future__ import annotations

import datetime as dt

import jdatetime

from shahrvand.common.jalali import MONTHS_FA


def month_start(day: dt.date) -> dt.date:
    """Gregorian date of the first day of the Jalali month containing `day`."""
    j = jdatetime.date.fromgregorian(date=day)
    return jdatetime.date(j.year, j.month, 1).togregorian()  # type: ignore[no-any-return]


def next_month_start(start: dt.date) -> dt.date:
    j = jdatetime.date.fromgregorian(date=start)
    year, month = (j.year + 1, 1) if j.month == 12 else (j.year, j.month + 1)
    return jdatetime.date(year, month, 1).togregorian()  # type: ignore[no-any-return]


def week_start(day: dt.date) -> dt.date:
    """The Saturday on or before `day` (the Iranian week runs Saturday to Friday)."""
    return day - dt.timedelta(days=(day.weekday() - 5) % 7)


def month_label(start: dt.date) -> str:
    j = jdatetime.date.fromgregorian(date=start)
    return f"{MONTHS_FA[j.month - 1]} {j.year}"


def split_range(
    date_from: dt.date, date_to: dt.date
) -> tuple[list[dt.date], list[tuple[dt.date, dt.date]]]:
    """Whole Jalali months inside [date_from, date_to] (their first days) and the leftover
    inclusive day spans (at most two: before the first and after the last whole month)."""
    months: list[dt.date] = []
    start = month_start(date_from)
    if start < date_from:
        start = next_month_start(start)
    while True:
        following = next_month_start(start)
        if following - dt.timedelta(days=1) > date_to:
            break
        months.append(start)
        start = following
    if not months:
        return [], [(date_from, date_to)]
    spans: list[tuple[dt.date, dt.date]] = []
    if months[0] > date_from:
        spans.append((date_from, months[0] - dt.timedelta(days=1)))
    end_of_months = next_month_start(months[-1])
    if end_of_months <= date_to:
        spans.append((end_of_months, date_to))
    return months, spans


def jalali_short(day: dt.date) -> str:
    """`1405/09/10` (ASCII digits; templates turn them Persian)."""
    j = jdatetime.date.fromgregorian(date=day)
    return f"{j.year}/{j.month:02d}/{j.day:02d}"
