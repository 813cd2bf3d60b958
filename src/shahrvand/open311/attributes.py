"""Service-definition attributes: read them from Category.attributes and check answers.

Category.attributes is JSON edited by staff; entries that are not valid Open311
attributes (no code, unknown datatype) are skipped with a warning so that one bad entry
does not break the whole endpoint.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from shahrvand.categories.models import Category
from shahrvand.common.persian import normalize_text

from .errors import bad_request

log = logging.getLogger(__name__)

DATATYPES = {"string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"}
LIST_TYPES = {"singlevaluelist", "multivaluelist"}
MAX_LENGTH = {"string": 400, "text": 4000}
_FIELD = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")


@dataclass(frozen=True)
class AttributeDef:
    code: str
    datatype: str
    required: bool
    variable: bool
    order: int
    description: str | None
    datatype_description: str | None
    values: list[tuple[str, str]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "variable": self.variable,
            "code": self.code,
            "datatype": self.datatype,
            "required": self.required,
            "datatype_description": self.datatype_description,
            "order": self.order,
            "description": self.description,
        }
        if self.datatype in LIST_TYPES:
            data["values"] = [{"key": key, "name": name} for key, name in self.values]
        return data

    def value_name(self, key: str) -> str:
        return next((name for k, name in self.values if k == key), key)


def _optional_str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _one(raw: Any, position: int) -> AttributeDef | None:
    if not isinstance(raw, dict):
        return None
    code, datatype = str(raw.get("code") or "").strip(), raw.get("datatype")
    if not code or datatype not in DATATYPES:
        return None
    values: list[tuple[str, str]] = []
    for item in raw.get("values") or []:
        if isinstance(item, dict) and str(item.get("key", "")).strip():
            values.append((str(item["key"]), str(item.get("name") or item["key"])))
    order = raw.get("order")
    return AttributeDef(
        code=code,
        datatype=str(datatype),
        required=raw.get("required") is True,
        variable=raw.get("variable", True) is not False,
        order=order if isinstance(order, int) and order > 0 else position,
        description=_optional_str(raw.get("description")),
        datatype_description=_optional_str(raw.get("datatype_description")),
        values=values,
    )


def definitions(category: Category) -> list[AttributeDef]:
    """The category's valid attributes, sorted by `order`."""
    raw = category.attributes if isinstance(category.attributes, list) else []
    result = []
    for position, entry in enumerate(raw, start=1):
        attribute = _one(entry, position)
        if attribute is None:
            log.warning("Skipping invalid Open311 attribute %r of category %s", entry, category.pk)
        else:
            result.append(attribute)
    return sorted(result, key=lambda a: a.order)


def submitted(form: QueryDict) -> dict[str, list[str]]:
    """`attribute[CODE]=v` and `attribute[CODE][]=v1&attribute[CODE][]=v2` from a POST body."""
    answers: dict[str, list[str]] = {}
    for key, values in form.lists():
        match = _FIELD.match(key)
        if match:
            answers.setdefault(match[1], []).extend(v.strip() for v in values if v.strip())
    return answers


def _check_one(attribute: AttributeDef, values: list[str]) -> str | list[str]:
    label = f"attribute[{attribute.code}]"
    if attribute.datatype == "multivaluelist":
        keys = {key for key, _ in attribute.values}
        unknown = [v for v in values if v not in keys]
        if unknown:
            raise bad_request(
                f"{label}: '{unknown[0][:40]}' is not one of {', '.join(sorted(keys))}.",
                f"مقدار «{attribute.description or attribute.code}» مجاز نیست.",
            )
        return list(dict.fromkeys(values))
    if len(values) > 1:
        raise bad_request(f"{label} takes a single value.")
    value = values[0]
    if attribute.datatype == "singlevaluelist":
        keys = {key for key, _ in attribute.values}
        if value not in keys:
            raise bad_request(
                f"{label}: '{value[:40]}' is not one of {', '.join(sorted(keys))}.",
                f"مقدار «{attribute.description or attribute.code}» مجاز نیست.",
            )
    elif attribute.datatype == "number":
        try:
            ok = math.isfinite(float(value))
        except ValueError:
            ok = False
        if not ok:
            raise bad_request(f"{label} must be a number.")
    elif attribute.datatype == "datetime":
        try:
            dt.datetime.fromisoformat(value)
        except ValueError:
            raise bad_request(f"{label} must be an ISO 8601 datetime.") from None
    else:
        value = normalize_text(value, keep_newlines=attribute.datatype == "text")
        if len(value) > MAX_LENGTH[attribute.datatype]:
            raise bad_request(
                f"{label} is longer than {MAX_LENGTH[attribute.datatype]} characters."
            )
    return value


def clean_answers(category: Category, form: QueryDict) -> dict[str, Any]:
    """Check the POSTed attribute answers against the category; return them normalised.

    Unknown codes, missing required answers and values outside the lists are 400 errors
    naming the attribute. Informational attributes (variable=false) take no answer.
    """
    answers = submitted(form)
    by_code = {a.code: a for a in definitions(category) if a.variable}
    unknown = sorted(set(answers) - set(by_code))
    if unknown:
        raise bad_request(
            f"attribute[{unknown[0][:40]}] is not an attribute of service {category.code}."
        )
    cleaned: dict[str, Any] = {}
    for code, attribute in by_code.items():
        values = answers.get(code, [])
        if not values:
            if attribute.required:
                raise bad_request(
                    f"attribute[{code}] is required.",
                    f"پاسخ به «{attribute.description or code}» الزامی است.",
                )
            continue
        cleaned[code] = _check_one(attribute, values)
    return cleaned
