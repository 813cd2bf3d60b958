"""The mining page and the supervisory-report archive pass axe-core, fit 360 px and load
nothing the Content-Security-Policy blocks."""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from shahrvand.analytics.mining.alerts import raise_alerts
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, screenshot, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TEHRAN = ZoneInfo("Asia/Tehran")


def _seed() -> Any:
    city = tenancy_factories.municipality("tehran")
    dept = tenancy_factories.department(city, "cleaning")
    waste = categories_factories.category(city, "bins", "waste", dept=dept)
    now = dt.datetime.combine(timezone.localdate(), dt.time(10), tzinfo=TEHRAN)
    texts = ["اسکوتر برقی رها شده در پیاده رو", "زباله جمع نشده کنار سطل", "سطل زباله شکسته"]
    for i in range(14):
        r = reports_factories.report(
            city,
            waste,
            description=texts[i % 3],
            address="خیابان آزادی، پلاک ۱۲",
            where=(35.66, 51.36),
        )
        Report.objects.filter(pk=r.pk).update(created_at=now)
    raise_alerts(day=timezone.localdate())
    return city, tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN)


def test_mining_and_archive_pages_are_accessible_and_fit_a_phone(
    page: Any, live_server: Any, settings: Any, tmp_path: Any
):
    settings.MEDIA_ROOT = tmp_path / "media"
    _city, admin = _seed()
    staff_sign_in(page, live_server.url, admin)

    page.goto(f"{live_server.url}/staff/mining/?days=7")
    assert page.locator("h1").inner_text().startswith("داده‌کاوی")
    assert page.locator("#h-alerts ~ div tbody tr").count() == 1
    assert serious_axe_violations(page) == []
    screenshot(page, "mining-page-desktop")
    assert fits_width(page)
    screenshot(page, "mining-page-360")

    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server.url}/staff/supervisory/")
    page.fill("#id_month", "1405-08")
    page.click("form.card button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("tbody a", has_text="PDF").count() == 1
    assert serious_axe_violations(page) == []
    assert fits_width(page)
    screenshot(page, "supervisory-archive-360")
