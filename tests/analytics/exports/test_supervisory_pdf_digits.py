"""The supervisory PDF prints every number in Persian digits: the text pdfium extracts from
it holds no ASCII digit (month, counts, decimals with ٫, coordinates, page numbers)."""

from __future__ import annotations

import re

import pypdfium2 as pdfium
import pytest

from shahrvand.analytics.exports.services import supervisory_report_generate

from .test_supervisory_report import ABAN, _media, city  # noqa: F401  (fixtures)

pytestmark = pytest.mark.django_db


def test_supervisory_pdf_text_has_only_persian_digits(city):  # noqa: F811
    report = supervisory_report_generate(municipality=city, month=ABAN)
    with report.pdf.open("rb") as f:
        doc = pdfium.PdfDocument(f.read())
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "۱۴۰۵" in text
    assert re.findall(r".{0,20}[0-9].{0,20}", text) == []
