"""Analytics pages in a real browser: charts and maps render, axe finds nothing serious,
nothing scrolls sideways at 360 px, and the CSP blocks nothing (page fixture)."""

from __future__ import annotations

from typing import Any

import pytest

from shahrvand.analytics.services.rollup import build_all
from shahrvand.tenancy.models import Role
from tests.analytics.ui.conftest import ABAN, build_city
from tests.tenancy import factories as tenancy_factories

from .conftest import fits_width, screenshot, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Any, base: str, username: str) -> None:
    staff_sign_in(page, base, username)


def charts_drawn(page: Any) -> int:
    """Wait for every chart to be drawn; return how many have a non-empty SVG."""
    expected = page.locator(".chart[data-chart]").count()
    if expected:
        page.wait_for_function(
            "n => document.querySelectorAll('.chart.chart-ready').length === n", arg=expected
        )
    drawn: int = page.evaluate(
        """() => [...document.querySelectorAll('.chart[data-chart] svg')]
              .filter(svg => svg.querySelectorAll('path, rect, text').length > 5
                             && svg.getBoundingClientRect().width > 100).length"""
    )
    return drawn


def check(page: Any, url: str, name: str, *, charts: int) -> None:
    page.set_viewport_size({"width": 1200, "height": 900})
    page.goto(url)
    assert charts_drawn(page) == charts, name
    if charts:
        # Tooltips must not write inline styles (the fixture fails on any CSP block).
        page.hover(".chart.chart-ready")
        page.wait_for_timeout(200)
    assert serious_axe_violations(page) == [], name
    screenshot(page, f"analytics-{name}")
    assert fits_width(page), name
    page.wait_for_timeout(300)  # ECharts redraws on resize
    screenshot(page, f"analytics-{name}-360")


def test_staff_analytics_pages(page: Any, live_server: Any):
    city = build_city()
    build_all()
    admin = tenancy_factories.staff(city.municipality, Role.MUNICIPALITY_ADMIN)
    base = live_server.url
    log_in(page, base, admin.username)
    check(page, f"{base}/analytics/m/tehran/?{ABAN}", "dashboard", charts=5)
    check(page, f"{base}/analytics/m/tehran/units/?{ABAN}", "league", charts=1)
    # Sorting the league table by score ascending puts the water company first.
    page.set_viewport_size({"width": 1200, "height": 900})
    score_header = page.locator("#league-table thead th").nth(2).locator("button")
    score_header.click()  # descending
    score_header.click()  # ascending
    first = page.locator("#league-table tbody tr").first.get_attribute("data-key")
    assert first == f"agency:{city.water.pk}"
    check(
        page,
        f"{base}/analytics/m/tehran/units/department-{city.civil.pk}/?{ABAN}",
        "scorecard",
        charts=4,
    )


def test_map_draws_hexagons_and_districts_without_tiles(page: Any, live_server: Any):
    city = build_city()
    build_all()
    admin = tenancy_factories.staff(city.municipality, Role.MUNICIPALITY_ADMIN)
    log_in(page, live_server.url, admin.username)
    page.goto(f"{live_server.url}/analytics/m/tehran/map/?{ABAN}")
    page.wait_for_selector("#hex-map.map-ready")
    page.wait_for_selector("#district-map.map-ready")
    assert page.get_attribute("#hex-map", "data-features") == "2"
    assert page.get_attribute("#district-map", "data-features") == "2"
    assert page.locator("#hex-map path.leaflet-interactive").count() == 2
    assert page.locator("#district-map path.leaflet-interactive").count() == 2
    # Both cells hold 3 reports: whole-number classes 1, 2, 3; the largest is darkest.
    assert [t.strip() for t in page.locator("#hex-legend li").all_inner_texts()] == [
        "۱ گزارش",
        "۲ گزارش",
        "۳ گزارش",
    ]
    fills = page.eval_on_selector_all(
        "#hex-map path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))"
    )
    assert fills == ["#990000", "#990000"]
    # Districts: 1.5 and 0.6 per 10,000 residents, five classes of 0.3.
    assert page.locator("#district-legend li").count() == 5
    fills = page.eval_on_selector_all(
        "#district-map path.leaflet-interactive", "ps => ps.map(p => p.getAttribute('fill'))"
    )
    assert sorted(fills) == ["#990000", "#fdd49e"]
    assert serious_axe_violations(page) == []
    screenshot(page, "analytics-map")
    assert fits_width(page)
    screenshot(page, "analytics-map-360")


def test_province_and_public_pages(page: Any, live_server: Any):
    build_city()
    tenancy_factories.municipality("karaj")
    build_all()
    supervisor = tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR)
    # The public page first, without logging in.
    check(page, f"{live_server.url}/analytics/public/tehran/?{ABAN}", "public", charts=2)
    log_in(page, live_server.url, supervisor.username)
    check(page, f"{live_server.url}/analytics/province/?{ABAN}", "province", charts=1)
