"""Nobody types latitude and longitude: the intake screen and the report page's location
form carry the point in hidden fields filled by the map (or the address search); on
intake the description follows the phone number, with the category suggestions."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import Report
from shahrvand.tenancy.models import District, Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(city):
    return tenancy_factories.staff(city, Role.OPERATOR)


def test_intake_has_no_coordinate_boxes_and_asks_for_the_description_second(client, city, operator):
    client.force_login(operator)
    html = client.get("/staff/intake/").content.decode()
    assert 'type="hidden" name="lat"' in html and 'type="hidden" name="lon"' in html
    assert "عرض جغرافیایی" not in html and "طول جغرافیایی" not in html
    order = [
        html.index('name="caller_phone"'),
        html.index('name="description"'),
        html.index('id="category-suggestions"'),
        html.index('name="category"'),
        html.index('class="location-picker"'),
        html.index('name="district"'),
        html.index('name="address"'),
    ]
    assert order == sorted(order)
    assert 'id="caller-history"' in html
    assert 'data-geocode="/staff/geocode/"' in html


def test_a_point_from_the_map_is_enough_without_the_district(client, city, pothole, operator):
    client.force_login(operator)
    response = client.post(
        "/staff/intake/",
        {
            "caller_phone": "09121112233",
            "description": "چاله خطرناک",
            "category": "pothole",
            "address": "خیابان آزادی",
            "lat": "35.71",
            "lon": "51.43",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert (report.lat, report.lon, report.district.number) == (35.71, 51.43, 2)
    assert report.h3_cell


def test_district_and_address_still_register_a_report_without_a_point(
    client, city, pothole, operator
):
    client.force_login(operator)
    district = District.objects.get(municipality=city, number=1)
    response = client.post(
        "/staff/intake/",
        {
            "description": "چاله",
            "category": "pothole",
            "district": str(district.pk),
            "address": "خیابان آزادی",
            "priority": "normal",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.lat is None and report.district == district


def test_report_page_locates_with_the_map_not_with_typed_numbers(client, city, pothole):
    report = reports_factories.report(city, pothole, where=tenancy_factories.INSIDE_WEST)
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    html = client.get(f"/staff/reports/{report.tracking_code}/").content.decode()
    assert 'class="location-picker"' in html and 'id="map-config"' in html
    assert 'type="hidden" name="lat"' in html and "عرض جغرافیایی" not in html
    missing = client.post(f"/staff/reports/{report.tracking_code}/location/", {})
    assert missing.status_code == 400
    assert "مکان را روی نقشه انتخاب کنید" in missing.content.decode()
