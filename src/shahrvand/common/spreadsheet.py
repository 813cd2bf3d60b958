"""Cells for CSV and XLSX exports that a spreadsheet program can never run as a formula.

Every export (the staff queue, chart CSVs, open data, the e-service audit, the supervisory
workbook) passes each cell through `safe_cell` — the one place where "formula injection"
(CSV injection, OWASP) is handled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from openpyxl.worksheet.worksheet import Worksheet

# A spreadsheet program reads a cell starting with one of these as a formula (or, for tab
# and carriage return, strips them and then reads the formula behind them).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

T = TypeVar("T")


def safe_cell(value: T) -> T | str:
    """Return `value` as it may be written to a CSV or XLSX cell.

    Text starting with = + - @, a tab or a carriage return gets a leading single quote
    (OWASP's advice): `=HYPERLINK(...)` is written `'=HYPERLINK(...)`, which Excel,
    LibreOffice and Google Sheets show as text and never evaluate. Every string is treated
    so, whatever it looks like: a text cell holding "-3" becomes "'-3" — text that came
    from people (descriptions, addresses, names, reasons) cannot be told apart from text
    that merely looks like a number, so none is trusted.

    Numbers, booleans, dates and None are returned unchanged: they are written by our own
    code from ints and floats, so a negative number such as -3 or -1.5 is a number to the
    spreadsheet, not a formula, and it must stay a number (sums, charts, XLSX number cells).
    """
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def safe_row(row: Iterable[T]) -> list[T | str]:
    """`safe_cell` applied to each cell of a row."""
    return [safe_cell(cell) for cell in row]


def append_safe_row(sheet: Worksheet, row: Iterable[object]) -> None:
    """Append a row to an openpyxl sheet with every string cell stored as text.

    openpyxl itself stores a string starting with "=" as a formula; after `safe_cell` no
    string starts with "=", and the data type is set to text as well, so that no later
    change to the escaping can make a cell a formula again. Numbers stay number cells.
    """
    sheet.append(safe_row(row))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"
