"""A citizen submits a report with a photo through the real page and finds it by its code."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from shahrvand.common.persian import to_persian_digits
from shahrvand.reports.models import Report
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, screenshot, serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def photo_path(tmp_path: Any) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (640, 480), (120, 90, 60)).save(buf, "JPEG")
    path = tmp_path / "pothole.jpg"
    path.write_bytes(buf.getvalue())
    return str(path)


def test_citizen_submits_report_on_map_and_tracks_it(page: Any, live_server: Any, photo_path: str):
    city = tenancy_factories.municipality("tehran")
    categories_factories.category(city, "pothole", "road")
    categories_factories.category(city, "bin-full", "waste")

    page.goto(f"{live_server.url}/m/tehran/report/")
    map_el = page.locator("#map")
    map_el.wait_for(state="visible")
    page.wait_for_function("document.querySelectorAll('.leaflet-interactive').length >= 2")
    assert serious_axe_violations(page) == []

    # Click a quarter of the way across the map: inside district 1 (west half).
    box = map_el.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.25, box["y"] + box["height"] * 0.5)
    assert page.locator("#id_lat").input_value() != ""

    page.fill("#category-filter", "دسته pothole")
    assert page.locator("#id_category").input_value() == "pothole"
    page.fill("#id_description", "یک چاله عمیق وسط خیابان که ماشین‌ها در آن می‌افتند")
    page.set_input_files("#id_photos", photo_path)
    page.fill("#id_reporter_phone", "۰۹۱۲۳۴۵۶۷۸۹")
    screenshot(page, "citizen-report-form")
    page.click("button[type=submit]")

    code_box = page.locator("#tracking-code")
    code_box.wait_for()
    code = code_box.get_attribute("data-code")
    report = Report.objects.get(tracking_code=code)
    assert report.district.number == 1
    assert report.attachments.count() == 1
    assert report.reporter_phone == "09123456789"
    # Persian digits on screen, no personal data.
    assert to_persian_digits(code[:4]) in code_box.inner_text()
    assert "09123456789" not in page.content()
    assert "۰۹۱۲۳۴۵۶۷۸۹" not in page.content()
    screenshot(page, "citizen-report-submitted")

    page.goto(f"{live_server.url}/track/")
    page.fill("#id_code", to_persian_digits(f"{code[:4]}-{code[4:8]}-{code[8:]}"))
    page.click("button[type=submit]")
    page.locator("#timeline").wait_for()
    assert page.locator("#report-status").inner_text() == "ثبت شده"
    assert page.locator("#timeline li").count() == 1
    assert serious_axe_violations(page) == []
    screenshot(page, "citizen-track-page")
    assert fits_width(page)
    screenshot(page, "citizen-track-page-360")


def test_report_form_rejects_point_outside_city_with_persian_message(page: Any, live_server: Any):
    city = tenancy_factories.municipality("tehran")
    categories_factories.category(city, "pothole", "road")
    page.goto(f"{live_server.url}/m/tehran/report/")
    page.locator("#map").wait_for(state="visible")
    page.select_option("#id_category", "pothole")
    page.fill("#id_description", "چاله")
    page.evaluate(
        "() => { document.getElementById('id_lat').value = '35.95';"
        " document.getElementById('id_lon').value = '51.95'; }"
    )
    page.click("button[type=submit]")
    alert = page.locator("#form-errors")
    alert.wait_for()
    assert "خارج از محدوده" in alert.inner_text()
    assert Report.objects.count() == 0
    assert fits_width(page)
    screenshot(page, "citizen-report-form-error-360")
