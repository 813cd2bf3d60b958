"""A word written with ZWNJ, joined or with a space finds the other two spellings.

Each query ends with another word, so the prefix rule for the last word does not help.
"""

from __future__ import annotations

import pytest

from shahrvand.common.persian import ZWNJ

pytestmark = pytest.mark.django_db

VARIANTS = {
    "می": [f"می{ZWNJ}شود", "میشود", "می شود"],
    "نمی": [f"نمی{ZWNJ}رسد", "نمیرسد", "نمی رسد"],
    "ها": [f"خانه{ZWNJ}ها", "خانهها", "خانه ها"],
    "های": [f"لوله{ZWNJ}های", "لولههای", "لوله های"],
    "ترین": [f"بزرگ{ZWNJ}ترین", "بزرگترین", "بزرگ ترین"],
}
CASES = [
    (written, asked)
    for spellings in VARIANTS.values()
    for written in spellings
    for asked in spellings
]


@pytest.mark.parametrize(("written", "asked"), CASES)
def test_every_spelling_finds_every_other(find, write, written, asked):
    text = f"آب {written} جاری"
    write(text)
    write("آب جاری")  # has the other word but none of the spelling
    assert find(f"{asked} جاری") == {text}


def test_a_part_of_a_zwnj_word_finds_it(find, write):
    write(f"درخت{ZWNJ}ها خشک شده")
    assert find("درخت خشک") == {f"درخت{ZWNJ}ها خشک شده"}


def test_zwnj_joins_only_its_own_word(find, write):
    write(f"دیوار{ZWNJ}ها ریخت")
    assert find("دیوارهاریخت") == set()
