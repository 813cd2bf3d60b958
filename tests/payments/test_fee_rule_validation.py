"""Fee rules checked against a service's form, including the four shipped definitions."""

from __future__ import annotations

from typing import Any

import pytest

from shahrvand.eservices.services.definitions import shipped_documents
from shahrvand.payments.fees import FeeError, evaluate_fee, form_fields, validate_fee_rule

FORM: dict[str, Any] = {
    "type": "object",
    "required": ["area_m2", "floors"],
    "properties": {
        "area_m2": {"type": "number"},
        "floors": {"type": "integer"},
        "height": {"type": "number"},
        "photos": {"type": "array"},
    },
}


def test_form_fields_are_the_scalar_properties() -> None:
    assert form_fields(FORM) == {"area_m2", "floors", "height"}
    assert form_fields(None) == frozenset()


def test_empty_rule_means_free_and_good_rule_compiles() -> None:
    assert validate_fee_rule("  ", form_schema=FORM) is None
    rule = validate_fee_rule("area_m2 * 1000 + floors", form_schema=FORM)
    assert rule is not None and rule.fields == {"area_m2", "floors"}


@pytest.mark.parametrize(
    ("rule", "code"),
    [
        ("area_m2 * ", "fee_syntax"),
        ("area * 1000", "fee_unknown_field"),
        ("photos * 2", "fee_unknown_field"),  # arrays are not usable in a fee
        ("sqrt(area_m2)", "fee_unknown_function"),
        ("height * 1000", "fee_missing_value"),  # not required: the fee could not be computed
    ],
)
def test_bad_rules_are_refused_when_saved(rule: str, code: str) -> None:
    with pytest.raises(FeeError) as caught:
        validate_fee_rule(rule, form_schema=FORM)
    assert caught.value.code == code


# Hand-computed fees for the shipped definitions with the values below.
SHIPPED = {
    # 640 m² × 150,000 = 96,000,000; 5 floors > 4 adds 20,000,000
    "building-permit": ({"total_floor_area_m2": 640, "floors": 5}, 116_000_000),
    # max(12 × 200,000 = 2,400,000, 3,000,000)
    "business-licence": ({"shop_area_m2": 12}, 3_000_000),
    # 640 × 40,000
    "completion-certificate": ({"total_floor_area_m2": 640}, 25_600_000),
    # 2 × 30 × 250,000
    "tree-removal": ({"trees": 2, "trunk_diameter_cm": 30}, 15_000_000),
}


@pytest.mark.parametrize("document", shipped_documents(), ids=lambda d: str(d["key"]))
def test_shipped_definitions_have_valid_fee_rules(document: dict[str, Any]) -> None:
    rule = validate_fee_rule(document["fee_rule"], form_schema=document["form"])
    assert rule is not None
    values, expected = SHIPPED[document["key"]]
    assert evaluate_fee(rule, values) == expected
