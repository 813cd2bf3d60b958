"""Query text is data, never syntax: FTS5 and tsquery operators, quotes and huge inputs
return normally (usually nothing), with or without ranking."""

from __future__ import annotations

import pytest

from shahrvand.common.persian import ZWNJ
from shahrvand.reports.models import Report
from shahrvand.search.backend import search_reports

pytestmark = pytest.mark.django_db

HOSTILE = [
    '"',
    '""',
    "'",
    "''",
    "*",
    "چاله*",
    '"چاله',
    "NEAR(",
    "NEAR(چاله خیابان, 2)",
    "OR",
    "AND NOT",
    "چاله OR خیابان",
    "-",
    "-چاله",
    "(",
    ")",
    "(چاله",
    "^چاله",
    "joined : چاله",
    "split:",
    "{joined split}: x",
    ":*",
    "'چاله':*",
    "چاله & ! | <-> <2>",
    "\\",
    "\\'",
    "%s %(x)s ?",
    "'; DROP TABLE reports_report; --",
    "\x00",
    "چاله\x00خیابان",
    ZWNJ * 50,
    "🤔" * 200,
    "ا" * 5000,
    "چاله " * 5000,
    "a" * 100_000,
]


@pytest.fixture
def report(write):
    return write("چاله بزرگ در خیابان")


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("rank", [False, True])
def test_hostile_query_returns_normally(report, text, rank):
    assert list(search_reports(Report.objects.all(), text, rank=rank)) in ([], [report])


@pytest.mark.parametrize("text", ['"چاله"', "-چاله", "(چاله)", "چاله*", "چاله:*", "NOT چاله"])
def test_operators_around_a_word_are_punctuation(find, report, text):
    words = {"NOT چاله": set()}  # "not" is a word like any other, and the text lacks it
    assert find(text) == words.get(text, {report.description})
