"""Each municipality's base map (Neshan, Map.ir, any XYZ/WMTS server) reaches its pages as
the JSON basemap.js reads; without one, the global SHAHRVAND_TILE_URL is used. Keys are
read from the environment by name, never stored, and only names under our prefix."""

from __future__ import annotations

import json
import re

import pytest
from django.core.exceptions import ValidationError

from shahrvand.tenancy.maps import map_config
from shahrvand.tenancy.models import MunicipalityMap, Role
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def embedded(html: str) -> dict:
    found = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html)
    assert found, "the page embeds no map configuration"
    return json.loads(found.group(1))


def test_without_a_configuration_the_global_tile_server_is_used(client, city, settings):
    settings.SHAHRVAND_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    config = embedded(client.get(f"/m/{city.slug}/report/").content.decode())
    assert config["tiles"]["url"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["center"] == [city.center_lat, city.center_lon]
    assert config["districts"] == f"/m/{city.slug}/districts.geojson"


def test_mapir_key_comes_from_the_environment_by_name(client, city, monkeypatch):
    monkeypatch.setenv("SHAHRVAND_MAP_KEY_TESTCITY", "browser-key-123")
    tenancy_factories.map_config(
        city, MunicipalityMap.Kind.MAPIR, key_setting="SHAHRVAND_MAP_KEY_TESTCITY"
    )
    response = client.get(f"/m/{city.slug}/report/")
    tiles = embedded(response.content.decode())["tiles"]
    assert tiles["kind"] == "mapir"
    assert tiles["url"].startswith("https://map.ir/shiveh/xyz/1.0.0/")
    assert tiles["url"].endswith("?x-api-key=browser-key-123")
    assert tiles["attribution"] == "© Map.ir"
    # The browser may load the municipality's tiles: the page's CSP names the origin, and
    # only on its pages.
    assert "https://map.ir" in response["Content-Security-Policy"]
    other = tenancy_factories.municipality("other")
    assert "https://map.ir" not in client.get(f"/m/{other.slug}/report/")["Content-Security-Policy"]
    assert MunicipalityMap.objects.get().api_key_setting == "SHAHRVAND_MAP_KEY_TESTCITY"


def test_each_municipality_gets_its_own_map(client, city, settings):
    settings.SHAHRVAND_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    other = tenancy_factories.municipality("other")
    tenancy_factories.map_config(
        other, url="https://tiles.other.ir/{z}/{x}/{y}.png", attribution="© شهرداری"
    )
    mine = embedded(client.get(f"/m/{city.slug}/report/").content.decode())["tiles"]
    theirs = embedded(client.get("/m/other/report/").content.decode())["tiles"]
    assert mine["url"] == "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    assert theirs == {
        "kind": "xyz",
        "url": "https://tiles.other.ir/{z}/{x}/{y}.png",
        "attribution": "© شهرداری",
        "maxZoom": 19,
    }


def test_staff_map_pages_embed_the_staff_municipality_config(client, city):
    tenancy_factories.map_config(
        city, MunicipalityMap.Kind.NESHAN, url="https://tiles.neshan.example/{z}/{x}/{y}.png"
    )
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    for path in ["/staff/queue/", "/staff/intake/"]:
        config = embedded(client.get(path).content.decode())
        assert config["tiles"]["url"] == "https://tiles.neshan.example/{z}/{x}/{y}.png", path
        assert config["tiles"]["attribution"] == "© نشان", path
        assert config["districts"] == f"/m/{city.slug}/districts.geojson", path


def test_wmts_rest_template_becomes_xyz(city):
    tenancy_factories.map_config(
        city,
        MunicipalityMap.Kind.WMTS,
        url="https://gis.city.ir/wmts/base/GoogleMapsCompatible/{TileMatrix}/{TileRow}/{TileCol}.png",
    )
    url = map_config(city)["tiles"]["url"]
    assert url == "https://gis.city.ir/wmts/base/GoogleMapsCompatible/{z}/{y}/{x}.png"


@pytest.mark.parametrize("name", ["SECRET_KEY", "DATABASE_URL", "SHAHRVAND_MAP_KEY_x", "OTHER"])
def test_only_map_key_names_are_accepted(city, name):
    config = MunicipalityMap(municipality=city, kind="mapir", api_key_setting=name)
    with pytest.raises(ValidationError):
        config.full_clean()


def test_a_missing_key_leaves_the_placeholder_empty_not_the_name(city):
    tenancy_factories.map_config(
        city,
        url="https://tiles.example.ir/{z}/{x}/{y}.png?key={key}",
        key_setting="SHAHRVAND_MAP_KEY_UNSET",
    )
    url = map_config(city)["tiles"]["url"]
    assert url == "https://tiles.example.ir/{z}/{x}/{y}.png?key="
