"""GET /staff/geocode/?q=: staff only, the staff member's municipality only, rate-limited,
and a clear Persian answer when the geocoder is off or down."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from shahrvand.tenancy.models import District, Role
from tests.tenancy import factories as tenancy_factories
from tests.tenancy.fake_geocoders import API_KEY, FakeGeocoders

pytestmark = pytest.mark.django_db


@pytest.fixture
def neshan(settings) -> Iterator[FakeGeocoders]:
    server = FakeGeocoders()
    settings.SHAHRVAND_GEOCODER = "neshan"
    settings.SHAHRVAND_GEOCODER_URL = server.url
    settings.SHAHRVAND_GEOCODER_KEY = API_KEY
    yield server
    server.close()


def test_operator_gets_places_inside_the_city_with_their_district(client, city, neshan):
    client.force_login(tenancy_factories.staff(city, Role.OPERATOR))
    response = client.get("/staff/geocode/", {"q": "میدان ونک"})
    assert response.status_code == 200
    district = District.objects.get(municipality=city, number=2)
    assert response.json() == {
        "results": [
            {
                "label": "میدان ونک، تهران، خیابان ولیعصر",
                "lat": 35.71,
                "lon": 51.43,
                "district": district.pk,
                "district_name": district.name_fa,
            }
        ]
    }


def test_not_for_citizens_or_anonymous(client, city, neshan):
    assert client.get("/staff/geocode/", {"q": "ونک"}).status_code == 302
    client.force_login(tenancy_factories.user())
    assert client.get("/staff/geocode/", {"q": "ونک"}).status_code == 403
    assert neshan.requests == []


def test_rate_limited_per_user(client, city, neshan, settings):
    settings.SHAHRVAND_GEOCODE_RATE = "2/m"
    client.force_login(tenancy_factories.staff(city, Role.OPERATOR))
    codes = [client.get("/staff/geocode/", {"q": "ونک"}).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert len(neshan.requests) == 2


def test_geocoder_off_or_down_answers_in_persian(client, city, settings):
    client.force_login(tenancy_factories.staff(city, Role.OPERATOR))
    settings.SHAHRVAND_GEOCODER = ""
    off = client.get("/staff/geocode/", {"q": "ونک"})
    assert off.status_code == 503 and "پیکربندی نشده" in off.json()["error"]
    settings.SHAHRVAND_GEOCODER = "nominatim"
    settings.SHAHRVAND_GEOCODER_URL = "http://127.0.0.1:9"
    settings.SHAHRVAND_GEOCODER_TIMEOUT = 2
    down = client.get("/staff/geocode/", {"q": "ونک"})
    assert down.status_code == 502 and "پاسخ نداد" in down.json()["error"]
