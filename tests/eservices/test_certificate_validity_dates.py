"""Validity is counted in Jalali months; a day the target month lacks becomes its last."""

from __future__ import annotations

import datetime as dt

import jdatetime
import pytest

from shahrvand.eservices.certificates import _add_months, initials


def _j(y: int, m: int, d: int) -> dt.date:
    day: dt.date = jdatetime.date(y, m, d).togregorian()
    return day


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        ((1405, 9, 7), 24, (1407, 9, 7)),
        ((1405, 6, 31), 1, (1405, 7, 30)),  # Mehr has 30 days
        ((1405, 11, 30), 1, (1405, 12, 29)),  # Esfand 1405 has 29 days
        ((1403, 11, 30), 1, (1403, 12, 30)),  # 1403 is a leap year: Esfand has 30
        ((1405, 12, 15), 3, (1406, 3, 15)),  # across the new year
    ],
)
def test_add_jalali_months(
    start: tuple[int, int, int], months: int, end: tuple[int, int, int]
) -> None:
    assert _add_months(_j(*start), months) == _j(*end)


def test_initials() -> None:
    assert initials("علی رضایی") == "ع. ر."
    assert initials("محمد\u200cرضا  کریمی") == "م. ر. ک."
    assert initials("  ") == ""
