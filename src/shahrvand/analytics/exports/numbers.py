"""Numbers as a Persian reader expects them in a printed report."""

from __future__ import annotations

from shahrvand.common.persian import to_persian_digits

DASH = "—"


def fa_int(value: int | None) -> str:
    """'۱٬۲۳۴' (Persian digits, Arabic thousands separator); '—' for None."""
    if value is None:
        return DASH
    return to_persian_digits(f"{value:,}").replace(",", "٬")


def fa_num(value: float | None, digits: int = 1) -> str:
    """'۱۲٫۵' (Persian decimal separator); '—' for None."""
    if value is None:
        return DASH
    return to_persian_digits(f"{value:,.{digits}f}").replace(",", "٬").replace(".", "٫")


def fa_pct(fraction_or_pct: float | None, *, is_fraction: bool = False) -> str:
    """'۸۲٫۴٪' from a percentage (or from a fraction with is_fraction=True)."""
    if fraction_or_pct is None:
        return DASH
    value = fraction_or_pct * 100 if is_fraction else fraction_or_pct
    return fa_num(value) + "٪"
