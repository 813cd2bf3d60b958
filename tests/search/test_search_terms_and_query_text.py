"""The query side on its own: normalised words, and the quoted query text per database."""

from __future__ import annotations

import pytest

from shahrvand.common.persian import ZWNJ
from shahrvand.search import query
from shahrvand.search.words import search_terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("كوچه  باريك", ["کوچه", "باریک"]),
        ("پلاک ۱۲", ["پلاک", "12"]),
        (f"می{ZWNJ}شود", ["میشود"]),
        ("«چاله»، خیابان؟!", ["چاله", "خیابان"]),
        ("ABC abc", ["abc"]),
        ('"OR" NEAR( * -x', ["or", "near", "x"]),
        ("چاله🤔خیابان", ["چاله", "خیابان"]),
        ("", []),
    ],
)
def test_search_terms_are_normalised_words(text, terms):
    assert search_terms(text) == terms


def test_query_text_quotes_every_word():
    built = query.build('چاله "x" OR')
    assert built is not None
    assert query.to_fts5(built) == '("چاله") AND ("x") AND ("or"*)'
    assert query.to_tsquery(built) == "('چاله') & ('x') & ('or':*)"


def test_affixes_are_searched_joined_and_as_a_phrase():
    built = query.build("می شود آب")
    assert built is not None
    assert query.to_fts5(built) == '("میشود" OR split : "می" + "شود") AND ("آب"*)'
    assert query.to_tsquery(built) == "('میشود' | 'می':B <-> 'شود':B) & ('آب':*)"


def test_a_one_letter_last_word_is_not_a_prefix_and_long_words_are():
    built = query.build("ب " + "ا" * 100)
    assert built is not None
    assert query.to_fts5(built) == '("ب") AND ("' + "ا" * query.MAX_WORD + '"*)'
    built = query.build("آب ب")
    assert built is not None
    assert query.to_fts5(built) == '("آب") AND ("ب")'
