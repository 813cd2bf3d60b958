"""A third-party client (`georeport` from PyPI) against the real server, in XML and JSON.

georeport has no POST support, so the request is created with urllib exactly as a
form-posting app would, then read back with the client.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest
import requests
from georeport import GeoReport

from shahrvand.open311.keys import ensure_demo_api_client

from .support import validate, xml_to_data

pytestmark = pytest.mark.django_db(transaction=True)


def as_list(value):
    """xmltodict gives a dict for a single repeated element and a list for several."""
    return value if isinstance(value, list) else [value]


def post_request(root: str, fmt: str, fields: dict[str, str]):
    body = urllib.parse.urlencode(fields).encode()
    assert root.startswith("http://")
    req = urllib.request.Request(  # noqa: S310 (the live test server)
        f"{root}/requests.{fmt}",
        data=body,
        headers={"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"},
    )
    try:
        with urllib.request.urlopen(req, timeout=20) as response:  # noqa: S310
            status, payload = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, payload = exc.code, exc.read()
    if fmt == "json":
        data = json.loads(payload)
        validate("post-result.json" if status == 200 else "errors.json", data)
        return status, data
    return status, xml_to_data(ET.fromstring(payload))  # noqa: S314 (our own server's output)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_georeport_client_round_trip(live_server, city, pothole, streetlight, fmt, monkeypatch):
    monkeypatch.delenv("SHAHRVAND_DEMO_API_KEY", raising=False)
    assert ensure_demo_api_client() is not None
    root = f"{live_server.url}/open311/v2"
    api = GeoReport(root, jurisdiction="testcity", api_key="demo-open311-key", output_format=fmt)

    services = as_list(api.get_service_list())
    if fmt == "json":
        validate("services.json", services)
    assert {s["service_code"] for s in services} == {"pothole", "streetlight"}
    light = next(s for s in services if s["service_code"] == "streetlight")
    assert str(light["metadata"]).lower() == "true" and light["type"] == "realtime"

    definition = api.get_service_definition("streetlight")
    if fmt == "json":
        validate("service-definition.json", definition)
    attributes = (
        definition["attributes"]
        if fmt == "json"
        else as_list(definition["attributes"]["attribute"])
    )
    assert attributes[0]["code"] == "pole_id"

    status, created = post_request(
        root,
        fmt,
        {
            "api_key": api.api_key,
            "jurisdiction_id": "testcity",
            "service_code": "streetlight",
            "attribute[pole_id]": "T-88",
            "lat": "35.701",
            "long": "51.372",
            "description": "چراغ کوچه خاموش است",
            "first_name": "Live",
        },
    )
    assert status == 200, created
    request_id = created[0]["service_request_id"]

    one = api.get_service_request(request_id)
    if fmt == "json":
        validate("requests.json", [one])
    assert one["service_request_id"] == request_id
    assert one["service_code"] == "streetlight" and one["status"] == "open"
    assert one["description"] == "چراغ کوچه خاموش است"
    assert "Live" not in json.dumps(one, ensure_ascii=False)

    listed = api.get_service_requests(service_request_id=request_id)
    listed = listed if fmt == "json" else as_list(listed)
    if fmt == "json":
        validate("requests.json", listed)
    assert [r["service_request_id"] for r in listed] == [request_id]
    open_lights = api.get_service_requests(service_code="streetlight", status="open")
    if fmt == "json":
        validate("requests.json", open_lights)
    assert request_id in {r["service_request_id"] for r in as_list(open_lights)}

    with pytest.raises(requests.HTTPError) as excinfo:
        api.get_service_request("123456789012")
    assert excinfo.value.response.status_code == 404

    status, error = post_request(root, fmt, {"api_key": "wrong", "service_code": "pothole"})
    assert status == 403 and "api_key" in error[0]["description"]
