"""Template filters for Persian display: digits and Jalali dates."""

from __future__ import annotations

import datetime as dt

from django import template

from shahrvand.common.jalali import format_jalali, format_jalali_long
from shahrvand.common.persian import to_persian_digits

register = template.Library()


@register.filter
def fa_digits(value: object) -> str:
    return to_persian_digits(value)


@register.filter
def fa_decimal(value: object) -> str:
    """A number with Persian digits and the Persian decimal separator (٫)."""
    return to_persian_digits(str(value).replace(".", "٫"))


@register.filter
def jalali(value: dt.datetime | dt.date | None) -> str:
    return format_jalali(value)


@register.filter
def jalali_date(value: dt.datetime | dt.date | None) -> str:
    return format_jalali(value, with_time=False)


@register.filter
def jalali_long(value: dt.datetime | dt.date | None) -> str:
    return format_jalali_long(value)
