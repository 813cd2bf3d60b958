"""The supervisory PDF's tables read right to left (issue #16 item 7): the first column is
the rightmost, found from the positions of the drawn text (pdfium), and the department
table shows rank (or «بدون رتبه»), the ranking score, the score's interval and n."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest

from shahrvand.analytics.exports.content import JalaliMonth, gather
from shahrvand.analytics.exports.pdf import render_pdf
from shahrvand.analytics.services.rollup import build_all
from shahrvand.reports.models import Report
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
ABAN = JalaliMonth(1405, 8)
pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf() -> pdfium.PdfDocument:
    """35 reports for «cleaning» (ranked), 3 for «roads» (unranked: fewer than 30)."""
    muni = tenancy_factories.municipality()
    when = dt.datetime(2026, 11, 3, 10, tzinfo=TEHRAN)
    for code, n in (("cleaning", 35), ("roads", 3)):
        dept = tenancy_factories.department(muni, code)
        cat = categories_factories.category(muni, f"{code}-cat", "waste", dept=dept)
        for _ in range(n):
            r = reports_factories.report(muni, cat)
            Report.objects.filter(pk=r.pk).update(
                created_at=when, assigned_department=dept, assigned_agency=None
            )
    build_all(municipality_ids=[muni.pk])
    content = gather(municipality=muni, month=ABAN, now=dt.datetime(2026, 12, 1, tzinfo=TEHRAN))
    return pdfium.PdfDocument(render_pdf(content))


def x_of(page: pdfium.PdfPage, needle: str, nth: int = 0) -> float:
    """The horizontal centre of the nth occurrence of `needle` on the page (pdfium's text
    drops the zero-width non-joiner, so the needle does too)."""
    text = page.get_textpage()
    searcher = text.search(needle.replace("\u200c", ""))
    found = None
    for _ in range(nth + 1):
        found = searcher.get_next()
        assert found is not None, needle
    start, count = found
    boxes = [text.get_charbox(i) for i in range(start, start + count)]
    return (min(b[0] for b in boxes) + max(b[2] for b in boxes)) / 2


def test_table_columns_run_from_the_right(pdf: pdfium.PdfDocument):
    page = pdf[0]
    # Summary table: «دریافتی» is its first column, «رضایت (از ۵)» its last.
    assert x_of(page, "دریافتی") > x_of(page, "بسته‌شده") > x_of(page, "رضایت")
    # Department table: rank, unit, ranking score, score (interval), n, in time, …
    assert x_of(page, "بدون رتبه") > x_of(page, "واحد roads")
    # (the first «امتیاز رتبه‌بندی» is in the note above the table)
    assert x_of(page, "واحد roads") > x_of(page, "امتیاز رتبه‌بندی", 1) > x_of(page, "در مهلت", 1)
    width = page.get_width()
    assert x_of(page, "بدون رتبه") > width * 0.8  # the first column hugs the right margin


def test_department_table_shows_rank_interval_and_n(pdf: pdfium.PdfDocument):
    text = pdf[0].get_textpage().get_text_range()
    assert "بدون رتبه" in text  # roads: 3 reports < 30
    # pdfium drops the ZWNJ and mirrors parentheses in what it extracts.
    assert "امتیاز رتبهبندی" in text and "امتیاز )بازهٔ ٪۹۵(" in text
    assert "۳۵" in text and " تا " in text  # n and an interval such as «۰٫۰ تا ۹٫۹»
