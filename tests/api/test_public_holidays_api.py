"""GET /api/v1/public/municipalities/{slug}/holidays: every day off of a Jalali year."""

from __future__ import annotations

import pytest

from shahrvand.deadlines.models import Holiday

pytestmark = pytest.mark.django_db
BASE = "/api/v1/public/municipalities"


def test_the_year_lists_official_province_and_local_days(client, city):
    Holiday.objects.create(province=city.province, jalali="1405/09/23", title="آلودگی هوا")
    Holiday.objects.create(municipality=city, jalali="۱۴۰۵/۰۹/۲۴", title="سالروز شهر")
    response = client.get(f"{BASE}/{city.slug}/holidays", {"year": 1405})
    assert response.status_code == 200
    data = response.json()
    assert data["municipality"] == city.slug and data["year"] == 1405 and data["lunar_data"]
    days = data["holidays"]
    assert [d["date"] for d in days] == sorted(d["date"] for d in days)
    by = {(d["date"], d["kind"]): d for d in days}
    nowruz = by[("1405-01-01", "official-solar")]
    assert nowruz["name_fa"] == "آغاز نوروز" and nowruz["gregorian"] == "2026-03-21"
    assert nowruz["source"]
    tasua = by[("1405-04-03", "official-lunar")]
    assert tasua["name_en"] == "Tasua" and tasua["estimated"] is False
    assert ("1405-01-01", "official-lunar") in by  # Eid al-Fitr on Nowruz: both listed
    assert by[("1405-09-23", "province")]["name_fa"] == "آلودگی هوا"
    assert by[("1405-09-24", "local")]["date"] == "1405-09-24"  # ASCII, whatever was typed
    assert {d["kind"] for d in days} == {"official-solar", "official-lunar", "province", "local"}


def test_a_year_without_lunar_data_says_so(client, city):
    data = client.get(f"{BASE}/{city.slug}/holidays", {"year": 1420}).json()
    assert data["lunar_data"] is False
    assert {d["kind"] for d in data["holidays"]} == {"official-solar"}


def test_unknown_municipality_is_a_structured_404(client, city):
    response = client.get(f"{BASE}/nowhere/holidays", {"year": 1405})
    assert response.status_code == 404
    assert response.json()["code"] == "not_found" and response.json()["field"] == "slug"


@pytest.mark.parametrize("year", ["abc", "99999", "0", "1405.5"])
def test_a_bad_year_is_a_400(client, city, year):
    response = client.get(f"{BASE}/{city.slug}/holidays", {"year": year})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input" and response.json()["field"] == "year"


def test_the_operation_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/public/municipalities/{slug}/holidays"]["get"]
    assert {"200", "400", "404"} <= set(operation["responses"])
