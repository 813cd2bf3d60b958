"""The XML writer: well-formed, escaped, and the same shape ElementTree would give."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from shahrvand.open311.render import XML_DECLARATION, to_xml


def test_empty_values_and_containers_are_empty_elements():
    body = to_xml("service_requests", [{"a": None, "b": "", "notes": [], "c": {}, "d": 0}])
    assert body == (
        XML_DECLARATION + "<service_requests><request><a /><b /><notes /><c /><d>0</d>"
        "</request></service_requests>"
    )


def test_lists_take_their_item_tag_and_booleans_are_words():
    body = to_xml("services", [{"metadata": True, "keywords": None}, {"metadata": False}])
    root = ET.fromstring(body.removeprefix(XML_DECLARATION))  # noqa: S314 (our own output)
    assert [s.tag for s in root] == ["service", "service"]
    assert [s.findtext("metadata") for s in root] == ["true", "false"]


def test_markup_in_text_is_escaped_and_invalid_characters_dropped():
    text = 'x < y && </b><evil/> "q" \x01\x0b'
    body = to_xml("errors", [{"code": 400, "description": text}])
    root = ET.fromstring(body.removeprefix(XML_DECLARATION))  # noqa: S314 (our own output)
    assert root.find("error").findtext("description") == 'x < y && </b><evil/> "q" '
    assert root.find("error").find("evil") is None
