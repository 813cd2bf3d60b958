from __future__ import annotations

from django import template

from shahrvand.common.persian import to_persian_digits

register = template.Library()


@register.filter
def rials(value: object) -> str:
    """1200000 → ۱٬۲۰۰٬۰۰۰ (Persian digits, Persian thousands separator)."""
    try:
        number = int(str(value))
    except ValueError:
        return str(value)
    return to_persian_digits(f"{number:,}".replace(",", "٬"))
