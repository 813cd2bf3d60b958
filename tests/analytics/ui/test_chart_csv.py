"""Every chart's CSV holds exactly the chart's numbers, readable by Excel (UTF-8 BOM)."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from tests.tenancy import factories as tenancy_factories

from .conftest import ABAN, City
from .test_dashboard_numbers import login

pytestmark = pytest.mark.django_db


def read_csv(client: Client, url: str) -> list[list[str]]:
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment;")
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def test_trend_csv_has_jalali_and_iso_dates_and_the_weekly_counts(client: Client, city: City):
    login(client, city)
    rows = read_csv(client, f"/analytics/m/tehran/csv/trend.csv?{ABAN}&by=week")
    assert rows[0] == [
        "هفته",
        "شروع (شمسی)",
        "پایان (شمسی)",
        "start (ISO)",
        "end (ISO)",
        "دریافت‌شده",
        "بسته‌شده",
    ]
    body = [r[1:] for r in rows[1:]]
    assert body == [
        ["1405/08/01", "1405/08/01", "2026-10-23", "2026-10-23", "0", "0"],
        ["1405/08/02", "1405/08/08", "2026-10-24", "2026-10-30", "2", "2"],
        ["1405/08/09", "1405/08/15", "2026-10-31", "2026-11-06", "2", "1"],
        ["1405/08/16", "1405/08/22", "2026-11-07", "2026-11-13", "2", "1"],
        ["1405/08/23", "1405/08/29", "2026-11-14", "2026-11-20", "0", "0"],
        ["1405/08/30", "1405/08/30", "2026-11-21", "2026-11-21", "0", "0"],
    ]


def test_categories_csv_matches_the_chart(client: Client, city: City):
    login(client, city)
    rows = read_csv(client, f"/analytics/m/tehran/csv/categories.csv?{ABAN}")
    assert rows[0] == [
        "دسته استاندارد",
        "code",
        "از (شمسی)",
        "تا (شمسی)",
        "from (ISO)",
        "to (ISO)",
        "دریافت‌شده",
        "بسته‌شده",
    ]
    assert [(r[1], r[6], r[7]) for r in rows[1:]] == [
        ("road", "3", "2"),
        ("utilities", "2", "1"),
        ("green_space", "1", "1"),
    ]
    assert rows[1][2:6] == ["1405/08/01", "1405/08/30", "2026-10-23", "2026-11-21"]


def test_compliance_csv_leaves_weeks_without_closures_empty(client: Client, city: City):
    login(client, city)
    rows = read_csv(client, f"/analytics/m/tehran/csv/compliance.csv?{ABAN}&by=week")
    assert [r[-1] for r in rows[1:]] == ["", "50.0", "100.0", "0.0", "", ""]


def test_league_table_csv(client: Client, city: City, settings):
    settings.SHAHRVAND_RANKING_MIN_REPORTS = 1
    login(client, city)
    rows = read_csv(client, f"/analytics/m/tehran/csv/league-table.csv?{ABAN}")
    header = rows[0]
    score = header.index("امتیاز")
    rank = header.index("رتبه")
    shrunk = header.index("امتیاز رتبه‌بندی (تعدیل‌شده)")
    n = header.index("دریافت‌شده (n)")
    low, high = header.index("کران پایین ۹۵٪"), header.index("کران بالای ۹۵٪")
    assert [(r[0], r[rank], r[shrunk], r[score], r[n]) for r in rows[1:]] == [
        ("واحد parks", "1", "63.84", "100.0", "1"),
        ("واحد civil-works", "2", "62.76", "67.65", "3"),
        ("شرکت water", "3", "59.54", "34.62", "2"),
    ]
    assert all(float(r[low]) <= float(r[score]) <= float(r[high]) for r in rows[1:])


def test_league_table_csv_leaves_the_rank_of_unranked_units_empty(client: Client, city: City):
    login(client, city)
    rows = read_csv(client, f"/analytics/m/tehran/csv/league-table.csv?{ABAN}")
    rank = rows[0].index("رتبه")
    assert [r[rank] for r in rows[1:]] == ["", "", ""]


def test_unknown_chart_is_404(client: Client, city: City):
    login(client, city)
    assert client.get("/analytics/m/tehran/csv/nothing.csv").status_code == 404


def test_public_csv_needs_no_login(client: Client, city: City):
    rows = read_csv(client, f"/analytics/public/tehran/csv/departments-table.csv?{ABAN}")
    assert rows[0][0] == "واحد / دستگاه"
    received = rows[0].index("دریافت‌شده")
    assert {r[0]: r[received] for r in rows[1:]} == {
        "واحد civil-works": "3",
        "شرکت water": "2",
        "واحد parks": "1",
    }


def test_other_municipality_staff_get_no_csv(client: Client, city: City):
    client.force_login(tenancy_factories.staff(tenancy_factories.municipality("karaj")))
    assert client.get(f"/analytics/m/tehran/csv/trend.csv?{ABAN}").status_code == 404
