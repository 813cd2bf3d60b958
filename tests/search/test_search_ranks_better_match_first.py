"""With rank=True, the report where the words weigh most comes first."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import Report
from shahrvand.search.backend import search_reports

pytestmark = pytest.mark.django_db

FILLER = "لطفا رسیدگی کنید این مشکل از هفته گذشته ادامه دارد و همسایه ها هم شکایت دارند "


def test_more_frequent_in_shorter_text_ranks_first(write):
    weak = write(f"{FILLER} یک چاله هم جلوی در هست {FILLER}")
    strong = write("چاله چاله چاله خیابان")
    write("درخت افتاده")
    found = list(search_reports(Report.objects.all(), "چاله", rank=True))
    assert found == [strong, weak]
    assert found[0].search_rank > found[1].search_rank > 0


def test_matching_more_of_the_words_often_ranks_first(write):
    once = write(f"خیابان بهار {FILLER} چاله")
    many = write("چاله خیابان بهار، چاله دوباره در خیابان بهار")
    assert list(search_reports(Report.objects.all(), "چاله خیابان بهار", rank=True)) == [
        many,
        once,
    ]


def test_without_rank_the_queryset_order_is_kept(write):
    first = write("چاله چاله چاله")
    second = write(f"{FILLER} چاله")
    found = search_reports(Report.objects.order_by("pk"), "چاله")
    assert list(found) == [first, second]
    assert not hasattr(found[0], "search_rank")
