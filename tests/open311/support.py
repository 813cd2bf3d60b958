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

# shared/spec beside the checkout: /work/main -> /work/shared, and a git worktree one level
# deeper (/work/wt/<name>) too.
SCHEMA_DIR = next(
    (
        parent / "shared" / "spec" / "open311-schemas"
        for parent in Path(__file__).resolve().parents
        if (parent / "shared" / "spec" / "open311-schemas").is_dir()
    ),
    Path(__file__).resolve().parents[3] / "shared" / "spec" / "open311-schemas",
)
BASE = "/open311/v2"
CONTENT_TYPES = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
XML_START = '<?xml version="1.0" encoding="utf-8"?>'

# The spec's list wrappers and their item tags (written out here, not imported from the app,
# so the tests check the app's table too).
LIST_TAGS = {
    "services": "service",
    "service_requests": "request",
    "errors": "error",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "notes": "note",
    "photos": "photo",
}

# Not among the published schemas: the error list and the discovery document (spec §1, §8).
EXTRA_SCHEMAS: dict[str, dict[str, Any]] = {
    "errors.json": {
        "type": "array",
        "minItems": 1,
        "items": {
            "type": "object",
            "required": ["code", "description"],
            "properties": {"code": {"type": "integer"}, "description": {"type": "string"}},
        },
    },
    "discovery.json": {
        "type": "object",
        "required": ["changeset", "contact", "key_service", "endpoints"],
        "properties": {
            "endpoints": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["specification", "url", "changeset", "type", "formats"],
                    "properties": {
                        "url": {"type": "string", "format": "uri"},
                        "type": {"enum": ["production", "test"]},
                        "formats": {"type": "array", "items": {"type": "string"}},
                    },
                },
            }
        },
    },
    "post-result.json": {
        "type": "array",
        "minItems": 1,
        "maxItems": 1,
        "items": {
            "type": "object",
            "required": ["service_request_id"],
            "not": {"required": ["token"]},
            "properties": {
                "service_request_id": {"type": "string"},
                "service_notice": {"type": ["string", "null"]},
                "account_id": {"type": ["string", "null"]},
            },
        },
    },
}

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
    resources = [
        (path.name, DRAFT202012.create_resource(json.loads(path.read_text("utf-8"))))
        for path in SCHEMA_DIR.glob("*.json")
    ]
    resources += [(name, DRAFT202012.create_resource(s)) for name, s in EXTRA_SCHEMAS.items()]
    return Registry().with_resources(resources)


def validate(schema_name: str, data: Any) -> None:
    """Raise jsonschema.ValidationError unless `data` matches shared/spec/open311-schemas."""
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
    answer is validated against its schema on the way."""
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    text = response.content.decode("utf-8")
    if fmt == "json":
        data = json.loads(text)
        request = response.request
        validate(
            schema_for(request["PATH_INFO"], request["REQUEST_METHOD"], response.status_code),
            data,
        )
        return None, data
    assert text.startswith(XML_START)
    root = ET.fromstring(response.content)  # noqa: S314 (our own server's output)
    return root.tag, xml_to_data(root)


def png_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, "PNG")
    return out.getvalue()
