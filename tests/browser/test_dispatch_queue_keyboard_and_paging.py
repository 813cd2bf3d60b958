"""The dispatch queue in a real browser: shortcuts by physical key work with the Persian
layout, the page fits 360 px, axe finds nothing serious, the total and pager are shown, and
the inbox wraps long unbroken text on a phone (issue #16 items 1 and 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shahrvand.notifications.models import Notification
from shahrvand.reports.models import Priority, Report
from shahrvand.reports.services import ReportInput, report_create
from shahrvand.reports.services import intake as intake_module
from shahrvand.tenancy.models import Role
from shahrvand.triage.suggest import Suggestion
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DOCS_SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"

PERSIAN_J = """() => {
  document.activeElement.dispatchEvent(new KeyboardEvent("keydown", {
    key: "ت", code: "KeyJ", bubbles: true, cancelable: true
  }));
  return document.activeElement.dataset.code || "";
}"""


def test_dispatch_shortcuts_with_persian_layout_paging_and_phone_width(
    page: Any, live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = tenancy_factories.municipality("tehran")
    pothole = categories_factories.category(city, "pothole", "road")
    for i in range(30):
        reports_factories.report(city, pothole, description=f"چاله عمیق شماره {i} در خیابان")
    urgent = reports_factories.report(city, pothole, description="ریزش دیوار روی پیاده‌رو")
    Report.objects.filter(pk=urgent.pk).update(priority=Priority.EMERGENCY)
    # and one the classifier only guessed (0.24): awaiting categorisation, guess as suggestion
    monkeypatch.setattr(
        intake_module,
        "suggest_categories",
        lambda *a, **k: [Suggestion(pothole, pothole.standard_id, 0.24)],
    )
    report_create(
        data=ReportInput(
            municipality=city,
            category_code="",
            description="یک چیزی جلوی خانه خراب شده",
            channel="web",
            lat=tenancy_factories.INSIDE_WEST[0],
            lon=tenancy_factories.INSIDE_WEST[1],
        )
    )
    dispatcher = tenancy_factories.staff(city, Role.DISPATCHER)
    Notification.objects.create(
        user=dispatcher, municipality=city, title="متن بلند", body="ب" * 400 + "x" * 200
    )
    staff_sign_in(page, live_server.url, dispatcher)
    page.goto(f"{live_server.url}/staff/dispatch/")
    codes = page.eval_on_selector_all(".dispatch-row", "rows => rows.map(r => r.dataset.code)")
    assert len(codes) == 25
    DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")
    page.set_viewport_size({"width": 1200, "height": 1500})
    page.screenshot(path=str(DOCS_SCREENSHOTS / "dispatch-queue.png"), full_page=False)
    page.set_viewport_size({"width": 1200, "height": 900})
    assert "۳۲" in page.inner_text(".pager-total")
    assert codes[0] == urgent.tracking_code
    assert page.locator('nav.pager a[rel="next"]').count() == 2
    page.locator(".dispatch-row").first.focus()
    assert page.evaluate(PERSIAN_J) == codes[1]
    assert page.evaluate(PERSIAN_J) == codes[2]
    # the letter typed on an English layout without its physical key does nothing
    moved = page.evaluate(
        """() => { document.activeElement.dispatchEvent(new KeyboardEvent("keydown",
        {key: "j", code: "KeyQ", bubbles: true})); return document.activeElement.dataset.code; }"""
    )
    assert moved == codes[2]
    assert serious_axe_violations(page) == []
    assert fits_width(page, 360)
    page.goto(f"{live_server.url}/staff/dispatch/?page=2")
    assert page.locator(".dispatch-row").count() == 7
    assert serious_axe_violations(page) == [] and fits_width(page, 360)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server.url}/staff/inbox/")
    assert serious_axe_violations(page) == [] and fits_width(page, 360)
