"""One data structure, two renderings: XML and JSON (the "Spark convention").

Views build plain Python data (dicts, lists, str, int, float, bool, None). JSON is that
data as is. XML wraps it in a root element; every list becomes a wrapper element whose
children take the singular tag from ITEM_TAGS (`services` → `service`, `attributes` →
`attribute`, …), booleans become `true`/`false` and None an empty element.
"""

from __future__ import annotations

import json
import re
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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _write(out: list[str], tag: str, value: Any) -> None:
    """Append `value` as the element `tag` (our own tag names; text escaped). An element
    with no text and no children is written empty-tag style, `<tag />`."""
    if isinstance(value, dict | list):
        children = (
            value.items() if isinstance(value, dict) else ((ITEM_TAGS[tag], v) for v in value)
        )
        out.append(f"<{tag}>")
        mark = len(out)
        for child_tag, child in children:
            _write(out, child_tag, child)
        if len(out) == mark:
            out[-1] = f"<{tag} />"
        else:
            out.append(f"</{tag}>")
        return
    text = _text(value)
    out.append(f"<{tag}>{_escape(text)}</{tag}>" if text else f"<{tag} />")


def to_xml(root: str, data: Any) -> str:
    # Written straight to a string: building an ElementTree first cost 3-4 times as much
    # for a list of 1,000 requests (bench/proof/cpu_per_request.py).
    out = [XML_DECLARATION]
    _write(out, root, data)
    return "".join(out)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def render(fmt: str, root: str, data: Any, *, status: int = 200) -> HttpResponse:
    """Answer `data` in `fmt` ("xml" or "json"); `root` names the XML root element."""
    body = to_xml(root, data) if fmt == "xml" else to_json(data)
    return HttpResponse(body.encode("utf-8"), content_type=FORMATS[fmt], status=status)


def render_errors(fmt: str, status: int, descriptions: list[str]) -> HttpResponse:
    errors = [{"code": status, "description": text} for text in descriptions]
    return render(fmt if fmt in FORMATS else "xml", "errors", errors, status=status)
