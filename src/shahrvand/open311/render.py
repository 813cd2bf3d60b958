"""One data structure, two renderings: XML and JSON (the "Spark convention").

Views build plain Python data (dicts, lists, str, int, float, bool, None). JSON is that
data as is. XML wraps it in a root element; every list becomes a wrapper element whose
children take the singular tag from ITEM_TAGS (`services` → `service`, `attributes` →
`attribute`, …), booleans become `true`/`false` and None an empty element.
"""

from __future__ import annotations

import json
import re

# bandit B405: ElementTree only builds our own XML here; no input is ever parsed with it.
import xml.etree.ElementTree as ET  # nosec B405
from typing import Any

from django.http import HttpResponse

FORMATS = {"xml": "text/xml; charset=utf-8", "json": "application/json; charset=utf-8"}
XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>\n'

# Tag of the items of every list we render, keyed by the list's own tag.
ITEM_TAGS = {
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

# Characters XML 1.0 cannot carry at all, even escaped (C0 controls other than tab/LF/CR).
_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return _XML_INVALID.sub("", str(value))


def _fill(element: ET.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        item_tag = ITEM_TAGS[element.tag]
        for item in value:
            _fill(ET.SubElement(element, item_tag), item)
    else:
        element.text = _text(value)


def to_xml(root: str, data: Any) -> str:
    element = ET.Element(root)
    _fill(element, data)
    return XML_DECLARATION + ET.tostring(element, encoding="unicode")


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def render(fmt: str, root: str, data: Any, *, status: int = 200) -> HttpResponse:
    """Answer `data` in `fmt` ("xml" or "json"); `root` names the XML root element."""
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return HttpResponse(body.encode("utf-8"), content_type=FORMATS[fmt], status=status)


def render_errors(fmt: str, status: int, descriptions: list[str]) -> HttpResponse:
    errors = [{"code": status, "description": text} for text in descriptions]
    return render(fmt if fmt in FORMATS else "xml", "errors", errors, status=status)
