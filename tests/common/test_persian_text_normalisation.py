"""One canonical form for Persian free text, so search and duplicate detection agree."""

from __future__ import annotations

import pytest

from shahrvand.common.persian import (
    ZWNJ,
    normalize_digits,
    normalize_text,
    to_persian_digits,
)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("علي", "علی"),  # Arabic yeh
        ("مصطفى", "مصطفی"),  # alef maksura
        ("كوچه", "کوچه"),  # Arabic kaf
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("أحمد إمام ٱلله مؤسسه", "احمد امام الله موسسه"),
        ("خانۀ", "خانه"),
    ],
)
def test_arabic_letter_variants_become_persian(raw, expected):
    assert normalize_text(raw) == expected


def test_arabic_and_persian_spellings_compare_equal():
    assert normalize_text("كيف پارك") == normalize_text("کیف پارک")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("پلاک ۱۲۳۴۵۶۷۸۹۰", "پلاک 1234567890"),
        ("پلاک ١٢٣٤٥٦٧٨٩٠", "پلاک 1234567890"),
        ("۱۲٣4", "1234"),
    ],
    ids=["persian", "arabic-indic", "mixed"],
)
def test_persian_and_arabic_indic_digits_become_ascii(raw, expected):
    assert normalize_text(raw) == expected
    assert normalize_digits(raw) == expected


def test_normalize_digits_leaves_letters_alone_apart_from_arabic_variants():
    assert normalize_digits("  ي ۱ ") == "  ی 1 "


def test_tatweel_is_removed():
    assert normalize_text("سـلـــام") == "سلام"


@pytest.mark.parametrize(
    "marked",
    ["کِتاب", "کَتَب", "کُتُب", "کتابٌ", "کتاباً", "کتّاب", "کتْب", "کتٰب"],
)
def test_diacritics_are_removed(marked):
    cleaned = normalize_text(marked)
    assert all(not "\u064b" <= ch <= "\u065f" and ch != "\u0670" for ch in cleaned)
    assert cleaned == marked.translate({cp: None for cp in [*range(0x064B, 0x0660), 0x0670]})


def test_zwnj_inside_a_word_is_kept():
    assert normalize_text(f"می{ZWNJ}روم") == f"می{ZWNJ}روم"
    assert normalize_text(f"کتاب{ZWNJ}ها") == f"کتاب{ZWNJ}ها"


def test_zwnj_runs_collapse_to_one():
    assert normalize_text(f"می{ZWNJ}{ZWNJ}{ZWNJ}روم") == f"می{ZWNJ}روم"


@pytest.mark.parametrize(
    "raw",
    [
        f"می {ZWNJ}روم",
        f"می{ZWNJ} روم",
        f"می {ZWNJ} روم",
        f"می {ZWNJ}{ZWNJ} روم",
        f"می\t{ZWNJ}روم",
        f"می\u00a0{ZWNJ}روم",
    ],
    ids=["before", "after", "both", "run", "tab", "nbsp"],
)
def test_zwnj_touching_a_space_is_dropped(raw):
    assert normalize_text(raw) == "می روم"
    assert normalize_text(raw, keep_newlines=False) == "می روم"


def test_zwnj_at_line_ends_and_text_ends_is_dropped():
    assert normalize_text(f"{ZWNJ}خط اول{ZWNJ}\n{ZWNJ}خط دوم{ZWNJ}") == "خط اول\nخط دوم"
    assert normalize_text(f"خط اول{ZWNJ}\nخط دوم", keep_newlines=False) == "خط اول خط دوم"


@pytest.mark.parametrize("invisible", ["\u200d", "\u200e", "\u200f", "\ufeff", "\u200b", "\u202b"])
def test_other_invisible_marks_are_removed(invisible):
    assert normalize_text(f"سل{invisible}ام") == "سلام"


def test_whitespace_runs_collapse_and_ends_are_trimmed():
    assert normalize_text("  چاله \t\t بزرگ\u00a0\u00a0 خیابان   ") == "چاله بزرگ خیابان"


def test_description_keeps_newlines_but_not_blank_runs_or_line_padding():
    raw = "  خط اول  \r\n\r\n\n   خط دوم\t\rخط سوم  "
    assert normalize_text(raw) == "خط اول\nخط دوم\nخط سوم"


def test_single_line_fields_fold_newlines_into_spaces():
    assert normalize_text("خیابان\nآزادی\r\nکوچه ۳", keep_newlines=False) == "خیابان آزادی کوچه 3"


def test_normalisation_is_idempotent():
    raw = f" علي  ك{ZWNJ}{ZWNJ}تاب ـ ۱۲\n\n  مدرسة{ZWNJ} "
    once = normalize_text(raw)
    assert normalize_text(once) == once


def test_to_persian_digits_renders_for_display():
    assert to_persian_digits("4821-0937") == "۴۸۲۱-۰۹۳۷"
    assert to_persian_digits(2025) == "۲۰۲۵"


def test_fa_decimal_filter_uses_the_persian_separator():
    from shahrvand.common.templatetags.fa import fa_decimal

    assert fa_decimal("0.96") == "۰٫۹۶"
