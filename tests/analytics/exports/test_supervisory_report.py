"""The monthly supervisory report: Persian PDF that opens, reads and renders; XLSX with the
right numbers; archived once per month; the command and its month argument."""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pypdfium2 as pdfium
import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from shahrvand.analytics.exports.content import JalaliMonth, ReportMonthError
from shahrvand.analytics.exports.models import SupervisoryReport
from shahrvand.analytics.exports.services import supervisory_report_generate
from shahrvand.analytics.services.rollup import build_all
from shahrvand.reports.models import Report
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
ABAN = JalaliMonth(1405, 8)  # 23 Oct – 21 Nov 2026
# Where the rendered first page is kept for people to look at (CI: an artifact).
PNG_DIR = Path(os.environ.get("SHAHRVAND_TEST_ARTIFACTS", "var/test-artifacts"))


@pytest.fixture
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }


@pytest.fixture
def city(_media):
    muni = tenancy_factories.municipality()
    muni.name_fa = "شهرداری نمونه"
    muni.save()
    waste = categories_factories.category(
        muni, "bins", "waste", dept=tenancy_factories.department(muni, "cleaning")
    )
    road = categories_factories.category(muni, "pothole", "road")
    when = dt.datetime(2026, 11, 3, 10, tzinfo=TEHRAN)  # 12 Aban 1405
    for cat, n in ((waste, 3), (road, 2)):
        for _ in range(n):
            r = reports_factories.report(muni, cat)
            Report.objects.filter(pk=r.pk).update(created_at=when)
    outside = reports_factories.report(muni, road)  # 1 Azar: the next month
    Report.objects.filter(pk=outside.pk).update(
        created_at=dt.datetime(2026, 11, 22, 10, tzinfo=TEHRAN)
    )
    build_all(municipality_ids=[muni.pk])
    return muni


def test_month_parsing_accepts_persian_digits_and_knows_month_lengths():
    assert JalaliMonth.parse("۱۴۰۵/۰۸") == ABAN
    assert (ABAN.first, ABAN.last) == (dt.date(2026, 10, 23), dt.date(2026, 11, 21))
    assert JalaliMonth(1405, 12).last == dt.date(2027, 3, 20)  # Esfand 1405 has 29 days
    assert ABAN.label_fa == "آبان ۱۴۰۵"
    with pytest.raises(ReportMonthError):
        JalaliMonth.parse("1405-13")


@pytest.mark.django_db
def test_pdf_opens_reads_in_persian_and_renders_to_a_non_blank_image(city):
    report = supervisory_report_generate(municipality=city, month=ABAN)

    with report.pdf.open("rb") as f:
        data = f.read()
    assert data.startswith(b"%PDF")
    doc = pdfium.PdfDocument(data)
    text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    for expected in ("گزارش نظارتی ماهانه", "شهرداری نمونه", "آبان ۱۴۰۵", "پسماند و نظافت شهری"):
        assert expected in text, expected

    image = doc[0].render(scale=1.5).to_pil().convert("L")
    PNG_DIR.mkdir(parents=True, exist_ok=True)
    image.save(PNG_DIR / "supervisory-report-page1.png")
    histogram = image.histogram()
    dark = sum(histogram[:128])
    assert dark > 0.002 * image.width * image.height  # text and bars, not an empty page
    assert histogram[255] > 0.5 * image.width * image.height  # and mostly white paper


@pytest.mark.django_db
def test_xlsx_has_right_to_left_sheets_and_numeric_cells(city):
    report = supervisory_report_generate(municipality=city, month=ABAN)

    with report.xlsx.open("rb") as f:
        book = load_workbook(io.BytesIO(f.read()))
    summary = book["خلاصه"]
    assert summary.sheet_view.rightToLeft is True
    assert summary["A1"].value == "دریافتی"
    assert summary["A2"].value == 5  # the report of 1 Azar is not in Aban
    assert isinstance(summary["A2"].value, int)
    categories = book["دسته‌ها"]
    rows = [tuple(c.value for c in row[:3]) for row in categories.iter_rows(min_row=2)]
    assert rows == [("waste", "پسماند و نظافت شهری", 3), ("road", "آسفالت و سواره‌رو", 2)]


@pytest.mark.django_db
def test_regenerating_a_month_replaces_the_archived_files(city):
    first = supervisory_report_generate(municipality=city, month=ABAN)
    old_pdf = first.pdf.name
    second = supervisory_report_generate(municipality=city, month=ABAN)
    assert SupervisoryReport.objects.count() == 1
    assert second.pk == first.pk
    assert second.pdf.storage.exists(second.pdf.name)
    assert old_pdf == second.pdf.name or not second.pdf.storage.exists(old_pdf)


@pytest.mark.django_db
def test_command_refreshes_rollups_and_writes_municipality_and_province(city, capsys):
    late = reports_factories.report(city)  # saved after the fixture built the rollups
    Report.objects.filter(pk=late.pk).update(created_at=dt.datetime(2026, 11, 4, 9, tzinfo=TEHRAN))
    call_command("supervisory_report", "--month", "1405-08")
    scopes = sorted(SupervisoryReport.objects.values_list("scope", flat=True))
    assert scopes == sorted([city.slug, "province"])
    for scope in scopes:
        archived = SupervisoryReport.objects.get(scope=scope)
        with archived.xlsx.open("rb") as f:
            assert load_workbook(io.BytesIO(f.read()))["خلاصه"]["A2"].value == 6
    with pytest.raises(CommandError, match="معتبر نیست"):
        call_command("supervisory_report", "--month", "آبان")
