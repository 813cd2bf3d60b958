"""The dispatch queue in a real browser: shortcuts by physical key work with the Persian
layout, the page fits 360 px, axe finds nothing serious, the total and pager are shown, and
the inbox wraps long unbroken text on a phone (issue #16 items 1 and 10)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from shahrvand.notifications.models import Notification
from shahrvand.tenancy.models import Role
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
    page: Any, live_server: Any
) -> None:
    city = tenancy_factories.municipality("tehran")
    pothole = categories_factories.category(city, "pothole", "road")
    for i in range(30):
        reports_factories.report(city, pothole, description=f"چاله عمیق شماره {i} در خیابان")
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
    page.screenshot(path=str(DOCS_SCREENSHOTS / "dispatch-queue.png"), full_page=False)
    assert "۳۰" in page.inner_text(".pager-total")
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
    assert page.locator(".dispatch-row").count() == 5
    assert serious_axe_violations(page) == [] and fits_width(page, 360)
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(f"{live_server.url}/staff/inbox/")
    assert serious_axe_violations(page) == [] and fits_width(page, 360)
