"""Choice values stay machine values in the data; people read the Persian labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shahrvand.eservices.definitions.labels import enum_label, enum_labels
from shahrvand.eservices.staff.presenters import form_rows

FILES = Path(__file__).resolve().parents[2] / "src/shahrvand/eservices/definitions/files"


def _enum_props(node: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    if isinstance(node, dict):
        if "enum" in node:
            found.append(node)
        for value in node.values():
            found += _enum_props(value)
    elif isinstance(node, list):
        for value in node:
            found += _enum_props(value)
    return found


WITH_CHOICES = [
    p for p in sorted(FILES.glob("*.json")) if '"enum"' in p.read_text(encoding="utf-8")
]


@pytest.mark.parametrize("path", WITH_CHOICES, ids=lambda p: p.stem)
def test_every_shipped_choice_has_a_persian_label(path: Path) -> None:
    for prop in _enum_props(json.loads(path.read_text(encoding="utf-8"))):
        labels = enum_labels(prop)
        assert labels != [str(v) for v in prop["enum"]], prop  # type: ignore[attr-defined]
        assert all(any("\u0600" <= ch <= "\u06ff" for ch in label) for label in labels), labels


def test_labels_from_a_list_a_mapping_or_the_values() -> None:
    listed = {"enum": ["a", "b"], "x-enum-labels": ["الف", "ب"]}
    mapped = {"enum": ["a", "b"], "x-enum-labels": {"b": "ب"}}
    mismatched = {"enum": ["a", "b"], "x-enum-labels": ["الف"]}
    assert enum_labels(listed) == ["الف", "ب"]
    assert enum_labels(mapped) == ["a", "ب"]
    assert enum_labels(mismatched) == ["a", "b"]
    assert enum_label(listed, "b") == "ب"
    assert enum_label(listed, "zzz") == "zzz"


def test_staff_case_data_shows_the_label() -> None:
    schema = {
        "properties": {
            "usage": {"title": "کاربری", "enum": ["residential"], "x-enum-labels": ["مسکونی"]},
            "floors": {"title": "طبقات"},
        }
    }
    assert form_rows(schema, {"usage": "residential", "floors": 3}) == [
        ("کاربری", "مسکونی"),
        ("طبقات", 3),
    ]
