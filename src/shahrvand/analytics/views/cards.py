"""KPI cards and table cells: numbers from A1's KpiRow, formatted for Persian readers."""

from __future__ import annotations

from dataclasses import dataclass

from shahrvand.analytics.decimals import distinct_decimals
from shahrvand.analytics.selectors.types import KpiRow
from shahrvand.common.persian import to_persian_digits


@dataclass(frozen=True)
class Card:
    key: str  # also its definition's anchor (analytics/definitions.py)
    name: str
    value: str
    unit: str = ""


def fa_number(value: float | int | None, *, digits: int = 1) -> str:
    """'۱۲٬۳۴۵' for ints, '۴۲٫۵' for floats (rounded), '—' when unmeasurable."""
    if value is None:
        return "—"
    if isinstance(value, int):
        return to_persian_digits(f"{value:,}".replace(",", "٬"))
    text = f"{value:,.{digits}f}".rstrip("0").rstrip(".") if digits else f"{value:,.0f}"
    return to_persian_digits(text.replace(",", "٬").replace(".", "٫"))


def fa_fixed(value: float | None, decimals: int) -> str:
    """'۰٫۵۴۰' — exactly `decimals` decimals (a column of them lines up); '—' for None."""
    if value is None:
        return "—"
    return to_persian_digits(f"{value:,.{decimals}f}".replace(",", "٬").replace(".", "٫"))


def fa_percent_of_fraction(value: float | None) -> str:
    return "—" if value is None else fa_number(value * 100) + "٪"


def fa_percent(value: float | None) -> str:
    return "—" if value is None else fa_number(value) + "٪"


def kpi_cards(row: KpiRow) -> list[Card]:
    return [
        Card("received", "دریافت‌شده", fa_number(row.received), "گزارش"),
        Card("open", "باز", fa_number(row.open), "گزارش"),
        Card("closed", "بسته‌شده", fa_number(row.closed), "گزارش"),
        Card("within_deadline", "رسیدگی در مهلت", fa_percent(row.closed_within_deadline_pct)),
        Card("median", "میانه زمان رسیدگی", fa_number(row.median_hours_to_resolve), "ساعت"),
        Card("p90", "صدک ۹۰ زمان رسیدگی", fa_number(row.p90_hours_to_resolve), "ساعت"),
        Card("satisfaction", "رضایت شهروندان", fa_number(row.satisfaction_avg), "از ۵"),
    ]


# The KPI columns of the league table, the province comparison and the transparency page:
# (attribute of KpiRow, Persian header, how to show it).
KPI_COLUMNS: list[tuple[str, str, str]] = [
    ("received", "دریافت‌شده", "int"),
    ("open", "باز", "int"),
    ("closed", "بسته‌شده", "int"),
    ("closed_within_deadline_pct", "٪ در مهلت", "pct"),
    ("median_hours_to_resolve", "میانه ساعت رسیدگی", "num"),
    ("p90_hours_to_resolve", "صدک ۹۰ ساعت", "num"),
    ("reopen_rate", "نرخ بازگشایی", "frac"),
    ("satisfaction_avg", "میانگین رضایت (از ۵)", "num"),
]


# Which definition (analytics/definitions.py) explains each KPI column.
COLUMN_DEFINITIONS: dict[str, str] = {
    "received": "received",
    "open": "open",
    "closed": "closed",
    "closed_within_deadline_pct": "within_deadline",
    "median_hours_to_resolve": "median",
    "p90_hours_to_resolve": "p90",
    "reopen_rate": "reopen_rate",
    "satisfaction_avg": "satisfaction",
}


def column_definitions(columns: list[tuple[str, str, str]] = KPI_COLUMNS) -> list[tuple[str, str]]:
    """(Persian header, definition key) of each KPI column, for the links under a table."""
    return [(name, COLUMN_DEFINITIONS[attr]) for attr, name, _ in columns]


@dataclass(frozen=True)
class Cell:
    text: str
    value: str  # machine value for sorting ('' when unmeasurable)


def kpi_cell(row: KpiRow, attr: str, how: str) -> Cell:
    raw = getattr(row, attr)
    if raw is None:
        return Cell("—", "")
    if how == "pct":
        return Cell(fa_percent(raw), f"{raw:.4f}")
    if how == "frac":
        return Cell(fa_percent_of_fraction(raw), f"{raw:.4f}")
    return Cell(fa_number(raw), f"{raw:.4f}" if isinstance(raw, float) else str(raw))


def kpi_cells(row: KpiRow, columns: list[tuple[str, str, str]] = KPI_COLUMNS) -> list[Cell]:
    return [kpi_cell(row, attr, how) for attr, _, how in columns]


__all__ = ["distinct_decimals"]  # re-exported: the views format columns with it
