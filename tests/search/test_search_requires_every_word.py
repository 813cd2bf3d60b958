"""Every word of the query must be in the report (AND), in any order."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_only_reports_with_all_words_are_found(find, write):
    write("چاله بزرگ در خیابان بهار")
    write("چاله کوچک در کوچه")
    write("درخت افتاده در خیابان بهار")
    assert find("چاله بهار") == {"چاله بزرگ در خیابان بهار"}
    assert find("بهار خیابان") == {"چاله بزرگ در خیابان بهار", "درخت افتاده در خیابان بهار"}
    assert find("چاله درخت") == set()


def test_punctuation_around_words_is_ignored(find, write):
    write("«چاله»، بزرگ! (خیابان بهار)")
    assert find("چاله، بهار؟") == {"«چاله»، بزرگ! (خیابان بهار)"}


def test_whole_words_not_substrings_except_the_last_word(find, write):
    write("سطل زباله پر است")
    assert find("باله") == set()  # not a word of the text
    assert find("زبال") == {"سطل زباله پر است"}  # the last word is a prefix
    assert find("زبال پر") == set()  # an earlier word is not


def test_latin_words_match_in_any_case(find, write):
    write("کد خطای ABC روی پارکومتر")
    assert find("abc پارکومتر") == {"کد خطای ABC روی پارکومتر"}
