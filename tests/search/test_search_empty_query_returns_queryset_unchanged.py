"""A query without words does not filter (or order) anything."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import Report
from shahrvand.search.backend import search_reports
from shahrvand.search.words import search_terms

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("text", ["", "   ", "\n\t", "!!!", "«»،؛؟", "\u200c", "🤔👍🏽", "-*()"])
def test_query_without_words_returns_the_same_queryset(write, text):
    write("چاله")
    queryset = Report.objects.filter(priority="normal")
    assert search_terms(text) == []
    assert search_reports(queryset, text) is queryset
    assert search_reports(queryset, text, rank=True) is queryset
