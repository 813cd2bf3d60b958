"""National IDs by their check digit, postal codes by Iran Post's rule, mobiles in any
usual spelling."""

from __future__ import annotations

import pytest

from shahrvand.common.iranian_ids import (
    clean_mobile,
    clean_national_id,
    clean_postal_code,
    national_id_check_digit,
)


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("0012345679", "0012345679"),
        ("0499370899", "0499370899"),
        ("4608968882", "4608968882"),
        ("۰۰۷۶۲۲۹۶۴۵", "0076229645"),  # Persian digits
        ("٠٠٧٦٢٢٩٦٤٥", "0076229645"),  # Arabic-Indic digits
        ("001-234567-9", "0012345679"),  # the card's own dashes
    ],
)
def test_valid_national_ids_are_accepted(typed: str, clean: str) -> None:
    assert clean_national_id(typed) == clean


@pytest.mark.parametrize(
    "typed",
    [
        "1234567890",  # check digit should be 1
        "0012345678",  # check digit should be 9
        "1111111111",  # passes the arithmetic, never issued
        "0000000000",
        "123456789",
        "12345678901",
        "12345abcde",
        "",
    ],
)
def test_invalid_national_ids_are_refused(typed: str) -> None:
    assert clean_national_id(typed) is None


def test_check_digit_rule_below_two_and_above() -> None:
    # 001234567: Σ = 112, 112 mod 11 = 2 → 11 - 2 = 9
    assert national_id_check_digit("001234567") == 9
    # 000000001: Σ = 2, remainder 2 → 9; 100000000: Σ = 10 → 1
    assert national_id_check_digit("000000001") == 9
    assert national_id_check_digit("100000000") == 1
    # 000000000 → 0 (remainder < 2 stays)
    assert national_id_check_digit("000000000") == 0


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("1314567890", "1314567890"),
        ("۱۳۱۴۵-۶۷۸۹۰", "1314567890"),
        ("13145 67890", "1314567890"),
        ("9999800000", "9999800000"),  # 0 and 2 are allowed in the last five
    ],
)
def test_valid_postal_codes(typed: str, clean: str) -> None:
    assert clean_postal_code(typed) == clean


@pytest.mark.parametrize(
    "typed",
    [
        "1234567890",  # 2 in the first five
        "1304567890",  # 0 in the first five
        "3333333333",  # ten equal digits
        "131456789",  # nine digits
        "13145678901",
        "",
    ],
)
def test_invalid_postal_codes(typed: str) -> None:
    assert clean_postal_code(typed) is None


@pytest.mark.parametrize(
    "typed",
    ["09121234567", "+989121234567", "00989121234567", "۰۹۱۲ ۱۲۳ ۴۵۶۷", "9121234567"],
)
def test_mobiles_in_any_usual_spelling(typed: str) -> None:
    assert clean_mobile(typed) == "09121234567"


@pytest.mark.parametrize("typed", ["0912123456", "02112345678", "091212345678", "+1 912 123 4567"])
def test_not_mobiles(typed: str) -> None:
    assert clean_mobile(typed) is None
