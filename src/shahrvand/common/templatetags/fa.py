"""Template filters for Persian display: digits and Jalali dates."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from shahrvand.common.jalali import format_jalali, format_jalali_long
from shahrvand.common.persian import to_persian_digits

register = template.Library()


@register.filter
def fa_digits(value: object) -> str:
    """`value` with Persian digits; a float or Decimal also gets the Persian decimal
    separator (٫), so 200.0 reads ۲۰۰٫۰, never ۲۰۰.۰."""
    if isinstance(value, float | Decimal):
        return fa_decimal(value)
    return to_persian_digits(value)


@register.filter
def fa_decimal(value: object) -> str:
    """A number with Persian digits and the Persian decimal separator (٫ U+066B)."""
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


_URL = re.compile(r"https?://\S+")


@register.filter(needs_autoescape=True)
def fa_text(value: object, autoescape: bool = True) -> str:
    """Free text for reading: Persian digits, except in the links it carries, which stay
    ASCII (a link is a machine string) and are set left to right (dir="ltr")."""
    text = str(value)
    quote = conditional_escape if autoescape else (lambda part: part)
    parts: list[str] = []
    last = 0
    for match in _URL.finditer(text):
        parts.append(str(quote(to_persian_digits(text[last : match.start()]))))
        parts.append(f'<span dir="ltr">{quote(match.group(0))}</span>')
        last = match.end()
    parts.append(str(quote(to_persian_digits(text[last:]))))
    return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703: every part escaped above


@register.filter
def fa_number(value: object, decimals: int = 1) -> str:
    """'۱۲٬۳۴۵٫۶': Persian digits, ٬ (U+066C) between thousands, ٫ (U+066B) before the
    decimals; '—' for None. Integers print without decimals."""
    if value is None or value == "":
        return "—"
    if isinstance(value, int):
        return to_persian_digits(f"{value:,}").replace(",", "٬")
    number = float(str(value))
    return to_persian_digits(f"{number:,.{decimals}f}").replace(",", "٬").replace(".", "٫")
