"""Labels people read for a form property's enum values.

A definition's JSON Schema keeps machine values in `enum` and the Persian labels beside
them in `x-enum-labels` (a list in the same order, or a value → label mapping; `enumNames`
is read too). Missing or mismatched labels fall back to the values themselves.
"""

from __future__ import annotations

from typing import Any


def enum_labels(prop: dict[str, Any]) -> list[str]:
    """One label per value of `prop["enum"]`, in order."""
    labels = prop.get("x-enum-labels") or prop.get("enumNames") or []
    values = prop["enum"]
    if isinstance(labels, dict):
        return [str(labels.get(str(v), v)) for v in values]
    if isinstance(labels, list) and len(labels) == len(values):
        return [str(label) for label in labels]
    return [str(v) for v in values]


def enum_label(prop: dict[str, Any], value: Any) -> str:
    """The label of one value (the value itself when it is not among the enum)."""
    for option, label in zip(prop["enum"], enum_labels(prop), strict=True):
        if option == value:
            return label
    return str(value)
