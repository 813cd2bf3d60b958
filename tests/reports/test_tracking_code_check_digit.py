"""Tracking codes: 12 digits with a Damm check digit that catches every misread digit and
every swap of neighbours; typed input in any digit script is accepted."""

from __future__ import annotations

import random

import pytest

from shahrvand.common.persian import to_persian_digits
from shahrvand.reports import tracking

# Fixed codes (check digit appended) plus a reproducible random sample.
_BODIES = ["10000000000", "12345678901", "99999999999", "50505050505"]
_rng = random.Random(137)
_BODIES += ["".join(str(_rng.randrange(10)) for _ in range(11)) for _ in range(4)]
CODES = [body + str(tracking.damm_digit(body)) for body in _BODIES]


def test_damm_digit_matches_the_published_example():
    # Damm (2004) / Wikipedia: the check digit of 572 is 4, and 5724 checks to 0.
    assert tracking.damm_digit("572") == 4
    assert tracking.damm_digit("5724") == 0


def test_new_codes_are_twelve_ascii_digits_without_leading_zero_and_valid():
    codes = {tracking.new_code() for _ in range(500)}
    assert len(codes) == 500
    for code in codes:
        assert len(code) == 12
        assert code.isascii() and code.isdigit()
        assert code[0] != "0"
        assert tracking.is_valid(code)


@pytest.mark.parametrize("code", CODES)
def test_every_single_digit_substitution_is_rejected(code):
    assert tracking.is_valid(code)
    for position in range(len(code)):
        for digit in "0123456789":
            if digit == code[position]:
                continue
            mutated = code[:position] + digit + code[position + 1 :]
            assert not tracking.is_valid(mutated), mutated
            assert tracking.parse(mutated) is None


@pytest.mark.parametrize("code", CODES)
def test_every_adjacent_transposition_is_rejected(code):
    swapped_any = False
    for i in range(len(code) - 1):
        if code[i] == code[i + 1]:
            continue
        swapped = code[:i] + code[i + 1] + code[i] + code[i + 2 :]
        assert not tracking.is_valid(swapped), swapped
        swapped_any = True
    assert swapped_any or len(set(code)) == 1


@pytest.mark.parametrize(
    "typed",
    [
        lambda c: c,
        lambda c: tracking.display(c),
        lambda c: to_persian_digits(tracking.display(c)),
        lambda c: to_persian_digits(c).translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "٠١٢٣٤٥٦٧٨٩")),
        lambda c: " ".join(c[i : i + 3] for i in range(0, 12, 3)),
        lambda c: f"  {c[:4]} - {c[4:8]}\u00a0{c[8:]}\n",
    ],
    ids=["bare", "dashed", "persian-dashed", "arabic-indic", "spaced", "messy"],
)
def test_parse_accepts_what_people_type(typed):
    code = CODES[1]
    assert tracking.parse(typed(code)) == code


@pytest.mark.parametrize(
    "raw",
    ["", "   ", "1234", CODES[0] + "0", CODES[0][:-1], "abcd-efgh-ijkl", CODES[0][:11] + "x"],
)
def test_parse_rejects_malformed_input(raw):
    assert tracking.parse(raw) is None


def test_parse_rejects_non_ascii_digit_lookalikes_without_crashing():
    code = CODES[1]
    superscript = "¹" + code[1:]  # str.isdigit() is True for '¹', int('¹') is not
    devanagari = code.translate(str.maketrans("0123456789", "०१२३४५६७८९"))
    assert tracking.parse(superscript) is None
    assert tracking.parse(devanagari) is None
    assert not tracking.is_valid(devanagari)


def test_display_groups_in_fours():
    assert tracking.display("482109375526") == "4821-0937-5526"
    for code in CODES:
        groups = tracking.display(code).split("-")
        assert [len(g) for g in groups] == [4, 4, 4]
        assert "".join(groups) == code
