"""Jalali (Solar Hijri) display of timestamps. Storage is always UTC; display is Asia/Tehran."""

from __future__ import annotations

import datetime as dt

import jdatetime
from django.utils import timezone

from .persian import to_persian_digits

MONTHS_FA = (
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
)


def to_jalali(value: dt.datetime | dt.date) -> jdatetime.date | jdatetime.datetime:
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return jdatetime.datetime.fromgregorian(datetime=value)
    return jdatetime.date.fromgregorian(date=value)


def format_jalali(value: dt.datetime | dt.date | None, *, with_time: bool = True) -> str:
    """'۱۴۰۵/۰۹/۰۲ ۱۴:۳۵' in Persian digits; '' for None."""
    if value is None:
        return ""
    j = to_jalali(value)
    text = f"{j.year:04d}/{j.month:02d}/{j.day:02d}"
    if with_time and isinstance(value, dt.datetime):
        text += f" {j.hour:02d}:{j.minute:02d}"
    return to_persian_digits(text)


def format_jalali_long(value: dt.datetime | dt.date | None) -> str:
    """'۲ آذر ۱۴۰۵' — the day and month name, for headings and messages."""
    if value is None:
        return ""
    j = to_jalali(value)
    return to_persian_digits(f"{j.day} {MONTHS_FA[j.month - 1]} {j.year}")


def jalali_to_gregorian(year: int, month: int, day: int) -> dt.date:
    gregorian: dt.date = jdatetime.date(year, month, day).togregorian()
    return gregorian
