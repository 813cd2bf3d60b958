"""Helpers for the Open311 tests: JSON Schema validation, XML ↔ data, request shortcuts."""

from __future__ import annotations

import datetime as dt
import io
import json
import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from jsonschema import Draft202012Validator, FormatChecker
from PIL import Image
from referencing import Registry
from referencing.jsonschema import DRAFT202012

# The project's own JSON Schemas of its GeoReport v2 output (docs/open311-schemas/), written
# from the standard. Each also names its XML elements, OpenAPI-style: `"xml": {"name": ...}` on
# a document gives its root element, on a list its wrapper and on the list's items their tag.
SCHEMA_DIR = Path(__file__).resolve().parents[2] / "docs" / "open311-schemas"
BASE = "/open311/v2"
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
XML_START = '<?xml version="1.0" encoding="utf-8"?>'


@cache
def schemas() -> dict[str, dict[str, Any]]:
    found = {path.name: json.loads(path.read_text("utf-8")) for path in SCHEMA_DIR.glob("*.json")}
    assert found, f"no schemas in {SCHEMA_DIR}"
    return found


def _list_tags(node: Any, into: dict[str, str]) -> dict[str, str]:
    if isinstance(node, dict):
        items = node.get("items")
        if node.get("type") == "array" and isinstance(items, dict) and "xml" in items:
            wrapper, item = node["xml"]["name"], items["xml"]["name"]
            assert into.setdefault(wrapper, item) == item, f"<{wrapper}> of two item tags"
        for child in node.values():
            _list_tags(child, into)
    elif isinstance(node, list):
        for child in node:
            _list_tags(child, into)
    return into


# The list wrappers and their item tags, read from the schemas (not imported from the app,
# so the tests check the app's table too).
LIST_TAGS: dict[str, str] = _list_tags(list(schemas().values()), {})


def xml_root(schema_name: str) -> str:
    """The XML root element of a document matching `schema_name`."""
    name: str = schemas()[schema_name]["xml"]["name"]
    return name


formats = FormatChecker(formats=())


@formats.checks("date-time", raises=ValueError)
def _is_datetime(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parsed = dt.datetime.fromisoformat(value)
    return parsed.tzinfo is not None and "T" in value


@formats.checks("uri")
def _is_uri(value: object) -> bool:
    if not isinstance(value, str):
        return True
    parts = urlparse(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


@cache
def _registry() -> Registry:
    resources = [(name, DRAFT202012.create_resource(s)) for name, s in schemas().items()]
    return Registry().with_resources(resources)


def validate(schema_name: str, data: Any) -> None:
    """Raise jsonschema.ValidationError unless `data` matches docs/open311-schemas/`schema_name`."""
    validator = Draft202012Validator(
        {"$ref": schema_name}, registry=_registry(), format_checker=formats
    )
    validator.validate(data)


def xml_to_data(element: ET.Element) -> Any:
    """Inverse of the Spark convention: list wrappers → lists, elements → dicts, text → str."""
    if element.tag in LIST_TAGS:
        assert all(child.tag == LIST_TAGS[element.tag] for child in element), element.tag
        return [xml_to_data(child) for child in element]
    if len(element):
        return {child.tag: xml_to_data(child) for child in element}
    return element.text


def stringify(data: Any) -> Any:
    """JSON data as the XML rendering carries it: every scalar a string, null as None."""
    if isinstance(data, dict):
        return {key: stringify(value) for key, value in data.items()}
    if isinstance(data, list):
        return [stringify(item) for item in data]
    if data is None:
        return None
    if isinstance(data, bool):
        return "true" if data else "false"
    return str(data)


def schema_for(path: str, method: str, status: int) -> str:
    """Which schema a JSON answer to `method path` must match."""
    resource = path.removeprefix(BASE + "/").rsplit(".", 1)[0]
    if status >= 400:
        return "errors.json"
    if method == "POST":
        return "post-result.json"
    if resource == "discovery":
        return "discovery.json"
    if resource == "services":
        return "services.json"
    if resource.startswith("services/"):
        return "service-definition.json"
    assert resource == "requests" or resource.startswith("requests/"), path
    return "requests.json"


def parse(response: Any, fmt: str) -> tuple[str | None, Any]:
    """(XML root tag or None, data) of an Open311 response, checking its framing; every JSON
    answer is validated against its schema on the way, every XML root against its name there."""
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    text = response.content.decode("utf-8")
    request = response.request
    schema_name = schema_for(request["PATH_INFO"], request["REQUEST_METHOD"], response.status_code)
    if fmt == "json":
        data = json.loads(text)
        validate(schema_name, data)
        return None, data
    assert text.startswith(XML_START)
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's output)
    assert root.tag == xml_root(schema_name), (root.tag, schema_name)
    return root.tag, xml_to_data(root)


def png_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()
