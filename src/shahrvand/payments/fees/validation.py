"""Checking a service's fee rule against its application form, for whoever saves or loads it
(the process-definition loader, an admin form): `validate_fee_rule(rule, form_schema=…)`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import FeeError
from .parser import FeeRule, compile_fee

# JSON Schema types whose values the fee language can use.
_USABLE = {"integer", "number", "boolean", "string"}


def form_fields(form_schema: Mapping[str, Any] | None) -> frozenset[str]:
    """The top-level fields of a JSON Schema object form (the names a fee rule may use)."""
    if not form_schema:
        return frozenset()
    properties = form_schema.get("properties")
    if not isinstance(properties, Mapping):
        return frozenset()
    return frozenset(
        name
        for name, spec in properties.items()
        if not isinstance(spec, Mapping) or spec.get("type", "string") in _USABLE
    )


def validate_fee_rule(rule: str, *, form_schema: Mapping[str, Any] | None) -> FeeRule | None:
    """Compile `rule` against the form's fields; None for an empty rule (a free service).

    Raises FeeError (Persian and English message, position) for a syntax error, an unknown
    function or a field the form does not have.
    """
    rule = (rule or "").strip()
    if not rule:
        return None
    compiled = compile_fee(rule, fields=form_fields(form_schema))
    if "required" in (form_schema or {}):
        required = set((form_schema or {}).get("required") or [])
        optional = sorted(compiled.fields - required)
        if optional:
            raise FeeError(
                "fee_missing_value",
                f"فیلد «{optional[0]}» در فرمول هزینه آمده اما در فرم الزامی نیست.",
                f"Field {optional[0]!r} is used by the fee rule but is not required by the form.",
                position=rule.find(optional[0]),
            )
    return compiled
