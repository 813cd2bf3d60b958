"""The e-service step queue and decision page in a real browser: an agency user finds the
inquiry in the queue (the overdue one highlighted), decides it; axe-clean, no CSP block,
fits 360 px; the planning manager's mining page too."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from shahrvand.eservices.models import CaseStep
from shahrvand.eservices.services import step_decide
from tests.eservices.helpers import (
    city_with_units,
    manager_of,
    published_service,
    step,
    step_owner,
    submit_permit,
)

from .conftest import fits_width, screenshot, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page: Any, live_server: Any, username: str) -> None:
    staff_sign_in(page, live_server.url, username)


def test_agency_user_decides_an_inquiry_from_the_queue(page: Any, live_server: Any) -> None:
    city = city_with_units("tehran")
    service = published_service(city)
    late, fresh = submit_permit(service), submit_permit(service)
    for case in (late, fresh):
        intake = step(case, "intake-review")
        step_decide(step=intake, actor=step_owner(intake), decision="approve")
    # One inquiry is already past its deadline.
    CaseStep.objects.filter(case=late, key="water-inquiry").update(
        deadline=timezone.now() - dt.timedelta(hours=3)
    )
    water_user = step_owner(step(fresh, "water-inquiry"))

    login(page, live_server, water_user.username)
    page.goto(f"{live_server.url}/staff/eservices/")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 2
    assert "sla-breached" in (rows.nth(0).get_attribute("class") or "")  # earliest first
    assert "دیرکرد" in rows.nth(0).inner_text()
    assert serious_axe_violations(page) == []
    screenshot(page, "eservices-queue")
    assert fits_width(page)
    screenshot(page, "eservices-queue-360")

    page.set_viewport_size({"width": 1200, "height": 900})
    fresh_water = step(fresh, "water-inquiry")
    page.click(f"a[href='/staff/eservices/steps/{fresh_water.pk}/']")
    page.wait_for_load_state()
    assert "استعلام آب و فاضلاب" in page.inner_text("h1")
    assert serious_axe_violations(page) == []
    # Return without a reason is refused in Persian.
    page.check("input[name=decision][value=return]")
    page.click("#decision-form button[type=submit]")
    page.wait_for_load_state()
    assert "دلیل را بنویسید" in page.inner_text("#decision-form")
    assert serious_axe_violations(page) == []
    page.check("input[name=decision][value=approve]")
    page.select_option("#id_step_branch_size", "3/4")
    screenshot(page, "eservices-step")
    assert fits_width(page)
    screenshot(page, "eservices-step-360")
    page.click("#decision-form button[type=submit]")
    page.wait_for_load_state()
    assert "تصمیم ثبت شد" in page.inner_text("main")
    assert page.locator("table.list tbody tr").count() == 1
    fresh_water.refresh_from_db()
    assert (fresh_water.status, fresh_water.form_data) == ("approved", {"branch_size": "3/4"})


def test_manager_pages_are_accessible(page: Any, live_server: Any) -> None:
    city = city_with_units("tehran")
    case = submit_permit(published_service(city))
    intake = step(case, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    manager = manager_of(city, "planning")
    login(page, live_server, manager.username)
    review = step(case, "planning-review")
    for path in (
        "/staff/eservices/",
        "/staff/eservices/mining/",
        f"/staff/eservices/steps/{review.pk}/",
    ):
        page.set_viewport_size({"width": 1200, "height": 900})
        page.goto(f"{live_server.url}{path}")
        assert serious_axe_violations(page) == [], path
        assert fits_width(page), path
    page.set_viewport_size({"width": 1200, "height": 900})
    page.fill("#id_reason", "در انتظار نظر کمیسیون")
    page.click("form[action$='/suspend/'] button")
    page.wait_for_load_state()
    assert "متوقف شد" in page.inner_text("main")
    page.goto(f"{live_server.url}/staff/eservices/mining/")
    screenshot(page, "eservices-mining")
