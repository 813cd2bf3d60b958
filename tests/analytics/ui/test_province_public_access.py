"""Province comparison, the public transparency page, and who may see what."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shahrvand.analytics.services.rollup import build_all
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import ABAN, City, at
from .test_chart_csv import read_csv
from .test_dashboard_numbers import cards, chart_data, login

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_cities(city: City) -> City:
    """Tehran (100,000 residents, 6 reports) and Karaj (200,000, 2 open reports)."""
    karaj = tenancy_factories.municipality("karaj")
    karaj.population = 200_000
    karaj.save()
    for _ in range(2):
        r = reports_factories.report(karaj)
        type(r).objects.filter(pk=r.pk).update(created_at=at(5, 10))
    build_all()
    return city


def province_rows(html: str) -> dict[str, list[str]]:
    out = {}
    for slug, body in re.findall(r'<tr data-slug="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        out[slug] = re.findall(r'<td class="num" data-value="([^"]*)"', body)
    return out


def test_province_supervisor_compares_municipalities_per_10000(client: Client, two_cities: City):
    client.force_login(tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR))
    html = client.get(f"/analytics/province/?{ABAN}").content.decode()
    rows = province_rows(html)
    # population, received/open/closed per 10,000, then received, open, closed, …
    assert rows["tehran"][:7] == ["100000", "0.6000", "0.2000", "0.4000", "6", "2", "4"]
    assert rows["karaj"][:7] == ["200000", "0.1000", "0.1000", "0.0000", "2", "2", "0"]
    chart = chart_data(html, "province")
    assert chart["series"][0]["values"] == [0.6, 0.1]
    csv_rows = read_csv(client, f"/analytics/province/csv/province-table.csv?{ABAN}")
    header = csv_rows[0]
    per_10k = header.index("دریافتی در ۱۰ هزار نفر")
    assert {r[header.index("slug")]: r[per_10k] for r in csv_rows[1:]} == {
        "tehran": "0.6",
        "karaj": "0.1",
    }


def test_municipality_admin_sees_the_province_read_only_with_own_row_marked(
    client: Client, two_cities: City
):
    login(client, two_cities, Role.MUNICIPALITY_ADMIN)
    html = client.get(f"/analytics/province/?{ABAN}").content.decode()
    assert '<tr data-slug="tehran" class="is-self">' in html
    assert "/analytics/m/karaj/" not in html  # no link into another city's dashboard


def test_other_roles_may_not_see_the_province(client: Client, city: City):
    login(client, city, Role.DISPATCHER)
    assert client.get("/analytics/province/").status_code == 403
    assert client.get("/analytics/province/csv/province-table.csv").status_code == 403


def test_staff_of_another_municipality_get_404_and_no_numbers(client: Client, city: City):
    client.force_login(
        tenancy_factories.staff(tenancy_factories.municipality("karaj"), Role.MUNICIPALITY_ADMIN)
    )
    for path in [
        "/analytics/m/tehran/",
        "/analytics/m/tehran/units/",
        f"/analytics/m/tehran/units/department-{city.civil.pk}/",
        "/analytics/m/tehran/map/",
        "/analytics/m/tehran/map/hexes.geojson",
        "/analytics/m/tehran/map/districts.geojson",
        "/analytics/m/tehran/map/districts.csv",
        "/analytics/m/tehran/csv/trend.csv",
    ]:
        response = client.get(f"{path}?{ABAN}")
        assert response.status_code == 404, path
        assert "data-kpi" not in response.content.decode()


def test_anonymous_users_are_sent_to_login(client: Client, city: City):
    response = client.get("/analytics/m/tehran/")
    assert response.status_code == 302 and "/login" in response["Location"]


def test_province_supervisor_opens_any_dashboard(client: Client, city: City):
    client.force_login(tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR))
    html = client.get(f"/analytics/m/tehran/?{ABAN}").content.decode()
    assert cards(html)["received"] == "۶"
    assert client.get("/analytics/").url == "/analytics/province/"


def test_staff_land_on_their_own_dashboard(client: Client, city: City):
    login(client, city, Role.FIELD_STAFF)
    assert client.get("/analytics/").url == "/analytics/m/tehran/"


def test_public_page_shows_each_department_without_login(client: Client, city: City):
    response = client.get(f"/analytics/public/tehran/?{ABAN}")
    assert response.status_code == 200
    html = response.content.decode()
    assert cards(html)["received"] == "۶"
    assert cards(html)["within_deadline"] == "۵۰٪"
    row = r'<th scope="row" class="unit-name" data-value="([^"]+)">'
    row += r'.*?<td class="num" data-value="(\d+)">'
    table = dict(re.findall(row, html))
    assert table == {"واحد civil-works": "3", "شرکت water": "2", "واحد parks": "1"}
    chart = chart_data(html, "departments")
    assert chart["series"][1]["values"] == [2, 1, 1]  # closed
    # No personal data: no tracking code, phone or address of any report.
    for report in city.reports:
        assert report.tracking_code not in html
    assert "0912" not in html


def test_public_page_of_an_unknown_municipality_is_404(client: Client, city: City):
    assert client.get("/analytics/public/nowhere/").status_code == 404


def test_citizen_home_links_the_transparency_page(client: Client, city: City):
    assert "/analytics/public/tehran/" in client.get("/").content.decode()


def test_a_department_manager_finds_their_own_scorecard(client: Client, city: City):
    client.force_login(
        tenancy_factories.staff(city.municipality, Role.DEPARTMENT_MANAGER, dept=city.parks)
    )
    html = client.get(f"/analytics/m/tehran/?{ABAN}").content.decode()
    assert f'href="/analytics/m/tehran/units/department-{city.parks.pk}/"' in html
    assert "کارنامه واحد من" in html


def test_analytics_navigation_leads_to_mining_and_supervisory_reports(client: Client, city: City):
    login(client, city, Role.MUNICIPALITY_ADMIN)
    html = client.get(f"/analytics/m/tehran/?{ABAN}").content.decode()
    assert 'href="/staff/mining/"' in html and 'href="/staff/supervisory/"' in html
    login(client, city, Role.OPERATOR)
    html = client.get(f"/analytics/m/tehran/?{ABAN}").content.decode()
    assert "/staff/mining/" not in html and "/staff/supervisory/" not in html


def test_public_page_links_the_open_data_of_the_period(client: Client, city: City):
    html = client.get(f"/analytics/public/tehran/?{ABAN}").content.decode()
    assert 'href="/open-data/tehran/reports.csv?from=2026-10-23&amp;to=2026-11-21"' in html
