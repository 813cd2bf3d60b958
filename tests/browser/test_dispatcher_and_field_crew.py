"""A dispatcher accepts the suggested category with one key; a field crew resolves the
report from a phone with an after photo."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from shahrvand.categories.models import StandardCategory
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, screenshot, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Any, base: str, username: str) -> None:
    staff_sign_in(page, base, username)


@pytest.fixture
def photo(tmp_path: Any) -> str:
    path = tmp_path / "after.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (400, 300), (90, 90, 90)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return str(path)


def test_dispatcher_accepts_suggestion_and_crew_resolves_with_photo(
    page: Any, browser: Any, live_server: Any, photo: str
):
    city = tenancy_factories.municipality("tehran")
    pothole = categories_factories.category(city, "pothole", "road")
    cleaning = tenancy_factories.department(city, "cleaning")
    categories_factories.category(city, "bins", "waste", dept=cleaning)
    report = reports_factories.report(city, pothole, description="سطل زباله سر کوچه پر شده")
    Report.objects.filter(pk=report.pk).update(
        suggested_standard=StandardCategory.objects.get(code="waste"), suggestion_confidence=0.92
    )
    dispatcher = tenancy_factories.staff(city, Role.DISPATCHER)
    crew = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=cleaning)

    login(page, live_server.url, dispatcher.username)
    page.goto(f"{live_server.url}/staff/dispatch/")
    row = page.locator(f".dispatch-row[data-code='{report.tracking_code}']")
    row.wait_for()
    assert "دسته bins" in row.inner_text()
    assert serious_axe_violations(page) == []
    screenshot(page, "dispatcher-queue")
    row.focus()
    page.keyboard.press("s")
    page.wait_for_selector(".flash")
    report.refresh_from_db()
    assert report.category.code == "bins"
    assert report.status == "assigned" and report.assigned_department == cleaning

    phone = browser.new_context(locale="fa-IR", viewport={"width": 360, "height": 740})
    mobile = phone.new_page()
    login(mobile, live_server.url, crew.username)
    mobile.goto(f"{live_server.url}/staff/field/")
    mobile.click(f"a[href='/staff/field/{report.tracking_code}/']")
    mobile.select_option("#id_to_status", "resolved")
    mobile.fill("#id_note", "مخزن خالی و شسته شد.")
    mobile.set_input_files("#id_photos", photo)
    mobile.select_option("#id_stage", "after")
    assert fits_width(mobile)
    assert serious_axe_violations(mobile) == []
    screenshot(mobile, "field-crew-update-360")
    mobile.click("#field-form button[type=submit]")
    mobile.wait_for_selector(".flash")
    report.refresh_from_db()
    assert report.status == "resolved"
    assert report.attachments.get().stage == "after"
    screenshot(mobile, "field-crew-list-360")
    phone.close()
