"""Discovery, service list, service definition, tokens: schema-valid, XML ≡ JSON, 404s."""

from __future__ import annotations

import pytest

from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

from .support import parse, stringify, validate

pytestmark = pytest.mark.django_db
FORMATS = ["json", "xml"]


def both(o311, resource, **params):
    """(json data, xml root, xml data) for one resource, with the XML equal to the JSON."""
    json_response, xml_response = (
        o311.get(resource, "json", **params),
        o311.get(resource, "xml", **params),
    )
    assert json_response.status_code == xml_response.status_code
    _, json_data = parse(json_response, "json")
    root, xml_data = parse(xml_response, "xml")
    assert xml_data == stringify(json_data)
    return json_response.status_code, json_data, root


def test_discovery_in_both_formats(o311):
    status, data, root = both(o311, "discovery")
    assert status == 200 and root == "discovery"
    validate("discovery.json", data)
    (endpoint,) = data["endpoints"]
    assert endpoint["url"] == "http://testserver/open311/v2"
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["formats"] == ["text/xml", "application/json"]


def test_service_list_maps_local_categories(o311, pothole, streetlight):
    status, data, root = both(o311, "services")
    assert status == 200 and root == "services"
    validate("services.json", data)
    by_code = {s["service_code"]: s for s in data}
    assert set(by_code) == {"pothole", "streetlight"}
    light = by_code["streetlight"]
    assert light == {
        "service_code": "streetlight",
        "service_name": streetlight.name_fa,
        "description": "چراغ خاموش یا خراب معابر",
        "metadata": True,
        "type": "realtime",
        "keywords": "چراغ,روشنایی,lamp",
        "group": "lighting",
    }
    assert by_code["pothole"]["metadata"] is False
    assert by_code["pothole"]["group"] == "road"


def test_inactive_categories_and_other_cities_are_not_listed(o311, city, pothole):
    other = tenancy_factories.municipality("othercity")
    categories_factories.category(other, "graffiti", "furniture")
    old = categories_factories.category(city, "old", "road")
    old.is_active = False
    old.save()
    assert [s["service_code"] for s in o311.data("services")] == ["pothole"]
    assert [s["service_code"] for s in o311.data("services", jurisdiction_id="othercity")] == [
        "graffiti"
    ]


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_jurisdiction_means_the_default_one(o311, pothole, fmt):
    data = o311.data("services", fmt, jurisdiction_id="")
    assert stringify(data) == stringify(o311.data("services", fmt, jurisdiction_id="testcity"))


def test_service_definition_lists_attributes_in_order(o311, streetlight):
    status, data, root = both(o311, "services/streetlight")
    assert status == 200 and root == "service_definition"
    validate("service-definition.json", data)
    assert data["service_code"] == "streetlight"
    assert [a["code"] for a in data["attributes"]] == [
        "pole_id",
        "kind",
        "hazards",
        "power_cut",
        "height",
    ]
    kind = data["attributes"][1]
    assert kind["values"] == [
        {"key": "off", "name": "خاموش"},
        {"key": "blinking", "name": "چشمک‌زن"},
    ]
    assert data["attributes"][3]["variable"] is False
    assert data["attributes"][0]["required"] is True


def test_malformed_attribute_entries_are_skipped_not_fatal(o311, streetlight):
    streetlight.attributes = [{"code": "x", "datatype": "colour"}, "junk", *streetlight.attributes]
    streetlight.save()
    data = o311.data("services/streetlight")
    validate("service-definition.json", data)
    assert len(data["attributes"]) == 5


def test_service_definition_without_attributes(o311, pothole):
    data = o311.data("services/pothole")
    validate("service-definition.json", data)
    assert data == {"service_code": "pothole", "attributes": []}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("resource", "params", "fragment"),
    [
        ("services/nope", {}, "service_code 'nope' not found"),
        ("services/pothole", {"jurisdiction_id": "atlantis"}, "jurisdiction_id 'atlantis'"),
        ("services", {"jurisdiction_id": "atlantis"}, "jurisdiction_id 'atlantis'"),
        ("requests", {"jurisdiction_id": "atlantis"}, "jurisdiction_id 'atlantis'"),
        ("requests/123456789012", {}, "service_request_id '123456789012' not found"),
        ("tokens/abc", {}, "token 'abc' not found"),
        ("nothing/here", {}, "No Open311 resource"),
    ],
)
def test_unknown_things_are_404_with_error_list(o311, pothole, fmt, resource, params, fragment):
    response = o311.get(resource, fmt, **params)
    assert response.status_code == 404
    root, data = parse(response, fmt)
    if fmt == "json":
        validate("errors.json", data)
        assert data[0]["code"] == 404
    else:
        assert root == "errors" and data[0]["code"] == "404"
    assert fragment in data[0]["description"]


def test_unknown_format_is_404_in_xml(o311, pothole):
    response = o311.get("services", "html")
    assert response.status_code == 404
    root, data = parse(response, "xml")
    assert root == "errors" and "Unknown format" in data[0]["description"]


def test_unknown_jurisdiction_description_has_persian_too(o311):
    data = o311.data("services", expect=404, jurisdiction_id="atlantis")
    assert data[0]["description"].startswith("jurisdiction_id 'atlantis' not found. (")
    assert "شهرداری" in data[0]["description"]


def test_wrong_method_is_a_400_not_a_405_page(client):
    response = client.post("/open311/v2/services.json")
    assert response.status_code == 400
    assert "Method POST" in parse(response, "json")[1][0]["description"]
