"""The geocoder adapters speak each provider's real protocol (against a local fake server)
and keep only places inside the municipality, each with its district."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from shahrvand.tenancy.geocoding import GeocodingError, geocoder, search_places
from shahrvand.tenancy.geocoding.mapir import MapirGeocoder
from shahrvand.tenancy.geocoding.neshan import NeshanGeocoder
from shahrvand.tenancy.geocoding.nominatim import NominatimGeocoder
from tests.tenancy.fake_geocoders import API_KEY, FakeGeocoders

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake() -> Iterator[FakeGeocoders]:
    server = FakeGeocoders()
    yield server
    server.close()


@pytest.mark.parametrize("name", ["nominatim", "neshan", "mapir"])
def test_each_provider_finds_the_place_inside_the_city_only(city, fake, settings, name):
    settings.SHAHRVAND_GEOCODER = name
    settings.SHAHRVAND_GEOCODER_URL = fake.url
    settings.SHAHRVAND_GEOCODER_KEY = API_KEY
    provider = geocoder()
    assert provider is not None and provider.name == name
    found = search_places(provider=provider, municipality=city, query="ونك")  # Arabic kaf
    assert [(f.place.lat, f.place.lon, f.district.number) for f in found] == [(35.71, 51.43, 2)]
    assert "میدان ونک" in found[0].place.label


def test_nominatim_request_is_jsonv2_and_bounded_to_the_city(city, fake):
    provider = NominatimGeocoder(base_url=fake.url)
    search_places(provider=provider, municipality=city, query="میدان ونک")
    request = fake.requests[-1]
    assert request["method"] == "GET" and request["path"] == "/search"
    assert request["query"]["format"] == "jsonv2" and request["query"]["q"] == "میدان ونک"
    assert request["query"]["viewbox"] == "51.350000,35.750000,51.450000,35.650000"
    assert request["query"]["bounded"] == "1"
    assert request["headers"]["user-agent"].startswith("Shahrvand-Geocoding/")


def test_neshan_sends_the_key_header_and_the_city_centre(city, fake):
    search_places(
        provider=NeshanGeocoder(api_key=API_KEY, base_url=fake.url),
        municipality=city,
        query="ونک",
    )
    request = fake.requests[-1]
    assert request["path"] == "/v1/search" and request["headers"]["api-key"] == API_KEY
    assert request["query"] == {"term": "ونک", "lat": "35.700000", "lng": "51.400000"}


def test_neshan_refusing_the_key_is_an_error_not_an_empty_list(city, fake):
    with pytest.raises(GeocodingError, match="470"):
        search_places(
            provider=NeshanGeocoder(api_key="wrong", base_url=fake.url),
            municipality=city,
            query="ونک",
        )


def test_mapir_posts_json_with_the_key_header(city, fake):
    found = search_places(
        provider=MapirGeocoder(api_key=API_KEY, base_url=fake.url),
        municipality=city,
        query="پارک",
    )
    assert [f.district.number for f in found] == [1]
    request = fake.requests[-1]
    assert request["method"] == "POST" and request["path"] == "/search/v2/autocomplete"
    assert request["headers"]["x-api-key"] == API_KEY
    assert json.loads(request["body"]) == {"text": "پارک", "lat": 35.7, "lon": 51.4}


def test_an_unreachable_provider_is_a_geocoding_error(city):
    provider = NominatimGeocoder(base_url="http://127.0.0.1:9", timeout=2)
    with pytest.raises(GeocodingError):
        search_places(provider=provider, municipality=city, query="ونک")


def test_switched_off_by_default(settings):
    settings.SHAHRVAND_GEOCODER = ""
    assert geocoder() is None
