"""Maps that work in Iran, in a real browser: with the municipality's tile server
unreachable (a closed local port) the map says so in Persian and staff maps still show
the district outlines; the citizen then reports with district + address only; the
operator finds an address through the geocoder (a local fake speaking Neshan's protocol),
the marker moves there and the report gets that point."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest

from shahrvand.reports.models import Report
from shahrvand.tenancy.models import District, Role
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories
from tests.tenancy.fake_geocoders import API_KEY, FakeGeocoders

from .conftest import ARTIFACTS, fits_width, serious_axe_violations, staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
NOTICE = "نقشه بارگذاری نشد"


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # nothing listens there once the socket is closed


@pytest.fixture
def city_without_tiles(db: None) -> Any:
    city = tenancy_factories.municipality("tehran")
    categories_factories.category(city, "pothole", "road")
    tenancy_factories.map_config(
        city, url=f"http://127.0.0.1:{closed_port()}/{{z}}/{{x}}/{{y}}.png", attribution="آزمون"
    )
    return city


@pytest.fixture
def neshan(settings: Any) -> Iterator[FakeGeocoders]:
    server = FakeGeocoders()
    settings.SHAHRVAND_GEOCODER = "neshan"
    settings.SHAHRVAND_GEOCODER_URL = server.url
    settings.SHAHRVAND_GEOCODER_KEY = API_KEY
    yield server
    server.close()


def test_staff_map_without_tiles_says_so_and_shows_district_outlines(
    page: Any, live_server: Any, city_without_tiles: Any
):
    dispatcher = tenancy_factories.staff(city_without_tiles, Role.DISPATCHER)
    staff_sign_in(page, live_server.url, dispatcher)
    page.goto(f"{live_server.url}/staff/queue/")
    page.click("#toggle-map")
    notice = page.locator("#queue-map .map-notice")
    notice.wait_for(state="visible", timeout=10000)
    page.wait_for_function(
        "document.querySelector('#queue-map .map-notice').textContent.length > 0"
    )
    assert NOTICE in notice.inner_text()
    page.wait_for_function(
        "document.querySelectorAll('#queue-map path.leaflet-interactive').length === 2"
    )
    assert page.locator("#queue-map img.leaflet-tile-loaded").count() == 0
    assert serious_axe_violations(page) == []
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#queue-map").screenshot(path=str(ARTIFACTS / "staff-map-tiles-failed.png"))


def test_citizen_reports_with_district_and_address_when_the_map_fails(
    page: Any, live_server: Any, city_without_tiles: Any
):
    page.goto(f"{live_server.url}/m/tehran/report/")
    notice = page.locator("#map .map-notice")
    notice.wait_for(state="visible", timeout=10000)
    page.wait_for_function("document.querySelector('#map .map-notice').textContent.length > 0")
    assert NOTICE in notice.inner_text() and "منطقه" in notice.inner_text()
    district = District.objects.get(municipality=city_without_tiles, number=2)
    page.select_option("#id_district", str(district.pk))
    page.fill("#id_address", "خیابان ولیعصر، روبروی پلاک ۱۲")
    page.select_option("#id_category", "pothole")
    page.fill("#id_description", "چاله عمیق وسط خیابان")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#map").screenshot(path=str(ARTIFACTS / "citizen-map-tiles-failed.png"))
    page.click("button[type=submit]")
    page.locator("#tracking-code").wait_for()
    report = Report.objects.get(
        tracking_code=page.locator("#tracking-code").get_attribute("data-code")
    )
    assert report.lat is None and report.lon is None
    assert report.district == district and report.address.startswith("خیابان ولیعصر")


def test_operator_finds_the_address_and_the_report_gets_that_point(
    page: Any, live_server: Any, city_without_tiles: Any, neshan: FakeGeocoders
):
    operator = tenancy_factories.staff(city_without_tiles, Role.OPERATOR)
    staff_sign_in(page, live_server.url, operator)
    page.goto(f"{live_server.url}/staff/intake/")
    page.locator(".geocode-search").wait_for(state="visible")
    page.fill("#id_caller_phone", "09121112233")
    page.fill("#id_description", "چاله بزرگ کنار میدان")
    page.select_option("#id_category", "pothole")
    page.fill("#geocode-q", "میدان ونک")
    page.press("#geocode-q", "Enter")  # searches; must not submit the form
    result = page.locator(".geocode-result")
    result.wait_for()
    assert result.count() == 1  # the namesake outside the city is not offered
    assert "/staff/intake/" in page.url and Report.objects.count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.locator("#intake-form fieldset.intake-location").screenshot(
        path=str(ARTIFACTS / "staff-intake-address-search.png")
    )
    result.click()
    assert page.locator("#id_lat").input_value() == "35.710000"
    assert page.locator("#id_lon").input_value() == "51.430000"
    district = District.objects.get(municipality=city_without_tiles, number=2)
    assert page.locator("#id_district").input_value() == str(district.pk)
    assert page.locator("#id_address").input_value().startswith("میدان ونک")
    assert page.locator(".picker-map .leaflet-marker-icon").count() == 1
    request = neshan.requests[-1]
    assert request["path"] == "/v1/search" and request["headers"]["api-key"] == API_KEY
    assert serious_axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "staff-intake.png"), full_page=True)
    assert fits_width(page, 360)
    assert serious_axe_violations(page) == []
    page.screenshot(path=str(ARTIFACTS / "staff-intake-360.png"), full_page=True)
    page.click("#intake-form button[type=submit]")
    page.wait_for_url("**/staff/intake/done/**")
    report = Report.objects.get()
    assert (report.lat, report.lon) == (35.71, 51.43)
    assert report.district == district and report.channel == "phone"


def test_report_page_moves_the_point_by_dragging_the_marker(
    page: Any, live_server: Any, city_without_tiles: Any
):
    from tests.reports import factories as reports_factories

    pothole = city_without_tiles.categories.get(code="pothole")
    report = reports_factories.report(
        city_without_tiles, pothole, where=tenancy_factories.INSIDE_WEST
    )
    staff_sign_in(
        page, live_server.url, tenancy_factories.staff(city_without_tiles, Role.DISPATCHER)
    )
    page.goto(f"{live_server.url}/staff/reports/{report.tracking_code}/")
    marker = page.locator(".picker-map .leaflet-marker-icon")
    marker.wait_for()
    box = marker.bounding_box()
    start_x, start_y = box["x"] + box["width"] / 2, box["y"] + box["height"] - 2
    page.mouse.move(start_x, start_y)
    page.mouse.down()
    page.mouse.move(start_x + 60, start_y + 10, steps=8)
    page.mouse.up()
    moved = float(page.locator("#id_lon").input_value())
    assert moved > tenancy_factories.INSIDE_WEST[1]
    page.click("form[action$='/location/'] button[type=submit]")
    page.wait_for_load_state()
    report.refresh_from_db()
    assert report.lon == pytest.approx(moved, abs=1e-6)
