"""The one masker of published text (common/privacy.py): real-looking Persian reports, and
generated phone numbers, national IDs and card numbers it must never miss."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shahrvand.common.privacy import (
    CARD,
    EMAIL,
    NAME,
    NATIONAL_ID,
    PHONE,
    SHEBA,
    coarse_point,
    mask_personal_data,
)

PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
ANY_DIGIT = re.compile(r"[0-9۰-۹٠-٩]")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("با شماره ۰۹۱۲ ۳۴۵ ۶۷۸۹ تماس بگیرید", f"با شماره {PHONE} تماس بگیرید"),
        ("شماره‌ام 09123456789 است", f"شماره‌ام {PHONE} است"),
        ("+98 912 345 6789 همسایه", f"{PHONE} همسایه"),
        ("۰۰۹۸-۹۱۲-۳۴۵-۶۷۸۹", PHONE),
        ("٠٩١٢٣٤٥٦٧٨٩ لطفا", f"{PHONE} لطفا"),
        ("تلفن ثابت ۰۲۱-۲۲۳۴۵۶۷۸ یا (021) 2234 5678", f"تلفن ثابت {PHONE} یا ({PHONE}"),
        ("تلفن منزل ۲۲۳۴۵۶۷۸", f"تلفن منزل {PHONE}"),
        ("کد ملی ۰۰۸۴۵۷۵۹۴۸ ثبت شد", f"کد ملی {NATIONAL_ID} ثبت شد"),
        ("کارت ۶۰۳۷-۹۹۷۵-۹۹۱۲-۳۴۵۶ را", f"کارت {CARD} را"),
        ("6037 9975 9912 3456", CARD),
        ("شبا IR۰۶۲۹۶۰۰۰۰۰۰۰۱۰۰۳۲۴۲۰۰۰۰۱ است", f"شبا {SHEBA} است"),
        ("شبا ir 06 2960 0000 0001 0032 4200 01", f"شبا {SHEBA}"),
        ("شبایIR062960000000100324200001", f"شبای{SHEBA}"),
        ("ایمیل reza.karimi+137@example.org بفرستید", f"ایمیل {EMAIL} بفرستید"),
        ("آقای رضا کریمی هستم", f"آقای {NAME} هستم"),
        ("اسم من مریم است و شکایت دارم", f"اسم من {NAME} است و شکایت دارم"),
        ("نام من: زهرا احمدی", f"نام من: {NAME}"),
        ("همسایه‌مان خانم احمدی هر شب", f"همسایه‌مان خانم {NAME} شب"),
        ("کودکی به نام علی کنار خیابان می‌خوابد", f"کودکی به نام {NAME} خیابان می‌خوابد"),
    ],
)
def test_real_looking_texts_are_masked(text, expected):
    assert mask_personal_data(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "چاله بزرگ جلوی پلاک ۱۲ کوچه ۵",
        "از تاریخ ۱۴۰۳/۰۵/۱۲ تا امروز ۳ بار",
        "هزینه ۲۵۰٬۰۰۰ تومان شد",
        "لامپ تیر شماره ۴۵۶۷ خاموش است",
        "",
    ],
)
def test_ordinary_numbers_and_texts_are_kept(text):
    assert mask_personal_data(text) == text


def test_the_reporters_own_name_is_masked_whole_and_by_part():
    text = "رضا کریمی هستم؛ کریمی‌ها نه، خود کریمی. رضایی همسایه است."
    masked = mask_personal_data(text, names=["رضا  كريمي"])  # Arabic letters, two spaces
    assert masked == f"{NAME} هستم؛ کریمی‌ها نه، خود {NAME}. رضایی همسایه است."


# --- generated numbers: no false negatives --------------------------------------------

SEPARATORS = st.sampled_from(["", " ", "-", " - ", ".", "\u200c"])
SCRIPTS = st.sampled_from([None, PERSIAN, ARABIC])
SURROUNDINGS = st.sampled_from(
    [("", ""), ("با شماره ", " تماس بگیرید"), ("تلفن:", "."), ("شماره‌ام ", " است، ممنون")]
)


@st.composite
def phone_numbers(draw: st.DrawFn) -> str:
    prefix = draw(st.sampled_from(["0", "+98", "0098", "+98 ", "98", ""]))
    mobile = draw(st.booleans())
    if mobile:
        body = "9" + draw(st.text("0123456789", min_size=9, max_size=9))
    else:
        body = draw(st.sampled_from("12345678")) + draw(
            st.text("0123456789", min_size=9, max_size=9)
        )
    digits = ("0" if prefix == "" and not mobile else "") + body
    groups: list[str] = []
    at = 0
    for size in draw(st.sampled_from([(3, 3, 4), (4, 3, 3), (2, 4, 4), (10,), (5, 5)])):
        groups.append(digits[at : at + size])
        at += size
    groups.append(digits[at:])
    number = ""
    for group in filter(None, groups):
        number += (draw(SEPARATORS) if number else "") + group
    return prefix + number


def _in_script(text: str, table: dict[int, str] | None) -> str:
    return text.translate(table) if table else text


@settings(max_examples=300, deadline=None)
@given(number=phone_numbers(), script=SCRIPTS, around=SURROUNDINGS)
def test_no_generated_phone_number_survives(number, script, around):
    text = around[0] + _in_script(number, script) + around[1]
    masked = mask_personal_data(text)
    assert not ANY_DIGIT.search(masked), (text, masked)


def _national_id(first_nine: str) -> str:
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine)) % 11
    return first_nine + str(total if total < 2 else 11 - total)


@settings(max_examples=200, deadline=None)
@given(
    nine=st.text("0123456789", min_size=9, max_size=9),
    script=SCRIPTS,
    around=st.sampled_from([("کد ملی ", ""), ("کدملی:", " است"), ("", "")]),
)
def test_no_generated_national_id_survives(nine, script, around):
    code = _national_id(nine)
    masked = mask_personal_data(around[0] + _in_script(code, script) + around[1])
    assert not ANY_DIGIT.search(masked)


def _luhn(fifteen: str) -> str:
    total = 0
    for i, d in enumerate(reversed(fifteen)):
        n = int(d) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return fifteen + str((10 - total % 10) % 10)


@settings(max_examples=200, deadline=None)
@given(
    fifteen=st.text("0123456789", min_size=15, max_size=15),
    sep=SEPARATORS,
    script=SCRIPTS,
)
def test_no_generated_card_number_survives(fifteen, sep, script):
    card = _luhn(fifteen)
    typed = sep.join(card[i : i + 4] for i in range(0, 16, 4))
    masked = mask_personal_data("شماره کارت " + _in_script(typed, script) + " واریز شد")
    assert not ANY_DIGIT.search(masked), masked


def test_coarse_point_is_the_h3_res8_centre_within_600_m():
    import h3

    cell, lat, lon = coarse_point(35.70123, 51.37456)
    assert cell == h3.latlng_to_cell(35.70123, 51.37456, 8)
    assert h3.great_circle_distance((35.70123, 51.37456), (lat, lon), unit="km") < 0.6
    assert coarse_point(None, None) == (None, None, None)
