"""A municipality admin sees Iran's official holidays already in the calendar (read-only),
the province's closures beside them, and adds a local day of their own."""

from __future__ import annotations

from typing import Any

import pytest

from shahrvand.deadlines.models import Holiday
from shahrvand.tenancy.models import Role
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, screenshot, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_admin_sees_the_official_calendar_and_adds_a_local_day(page: Any, live_server: Any):
    city = tenancy_factories.municipality("tehran")
    Holiday.objects.create(province=city.province, jalali="1405/09/23", title="آلودگی هوا")
    staff_sign_in(page, live_server.url, tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN))
    page.goto(f"{live_server.url}/staff/holidays/?year=1405")
    rows = page.locator("tbody tr")
    assert rows.filter(has_text="آغاز نوروز").first.get_attribute("data-kind") == "official-solar"
    tasua = rows.filter(has_text="تاسوعای حسینی")
    assert tasua.get_attribute("data-kind") == "official-lunar"
    assert "۱۴۰۵/۰۴/۰۳" in tasua.inner_text()
    assert tasua.locator("button").count() == 0  # built in: nothing to delete
    assert rows.filter(has_text="آلودگی هوا").locator("button").count() == 0
    page.fill("#id_jalali", "۱۴۰۵/۰۹/۲۴")
    page.fill("#id_title", "سالروز شهر")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    local = page.locator("tbody tr", has_text="سالروز شهر")
    assert local.get_attribute("data-kind") == "local" and local.locator("button").count() == 1
    assert serious_axe_violations(page) == []
    screenshot(page, "staff-holidays-1405")
    assert fits_width(page)
