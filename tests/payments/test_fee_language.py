"""The fee language: arithmetic, precedence, Persian digits, errors, and no way out to Python."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shahrvand.payments.fees import FeeError, compile_fee, evaluate_fee


def fee(source: str, **values: object) -> int:
    return evaluate_fee(compile_fee(source), values)


def error_of(source: str, **values: object) -> FeeError:
    with pytest.raises(FeeError) as caught:
        fee(source, **values)
    return caught.value


def test_building_permit_example_by_hand() -> None:
    rule = "area_m2 * 120000 + (floors > 3 ? 5000000 : 0)"
    # 150 m² × 120,000 = 18,000,000; four floors add 5,000,000.
    assert fee(rule, area_m2=150, floors=4) == 23_000_000
    assert fee(rule, area_m2=150, floors=3) == 18_000_000


def test_precedence_and_associativity() -> None:
    assert fee("2 + 3 * 4") == 14
    assert fee("(2 + 3) * 4") == 20
    assert fee("100 - 20 - 30") == 50  # left-associative: (100-20)-30
    assert fee("120 / 4 / 3") == 10
    assert fee("-2 * -3 + 1") == 7
    assert fee("17 % 5 * 2") == 4
    assert fee("1 + 2 > 2 ? 10 : 20") == 10  # arithmetic binds tighter than comparison


def test_persian_and_arabic_digits_and_separators() -> None:
    assert fee("۱۲۰۰۰۰ * ۲") == 240_000
    assert fee("١٢ + 3") == 15
    assert fee("2٬000٬000 + 1_000") == 2_001_000
    assert fee("۱۲٫۵ * 4") == 50
    assert fee("area * 1000", area="۱۵۰") == 150_000  # Persian digits typed into the form


def test_boolean_logic_and_persian_keywords() -> None:
    rule = "(floors > 3 and area > 200) or commercial ? 7 : 3"
    assert fee(rule, floors=4, area=250, commercial=False) == 7
    assert fee(rule, floors=4, area=100, commercial=False) == 3
    assert fee(rule, floors=1, area=100, commercial=True) == 7
    assert fee("not commercial ? 1 : 2", commercial=True) == 2
    assert fee("floors > 3 و area > 200 ? 1 : 0", floors=5, area=300) == 1
    assert fee("!(floors >= 2) || floors == 9 ? 1 : 0", floors=9) == 1


def test_nested_conditional_is_right_associative() -> None:
    rule = "floors > 10 ? 3 : floors > 5 ? 2 : 1"
    assert [fee(rule, floors=f) for f in (11, 6, 2)] == [3, 2, 1]


def test_string_choice_fields() -> None:
    rule = 'usage == "تجاری" ? area * 200000 : area * 100000'
    assert fee(rule, usage="تجاری", area=10) == 2_000_000
    assert fee(rule, usage="مسکونی", area=10) == 1_000_000


def test_functions() -> None:
    assert fee("min(5, 3, 9)") == 3
    assert fee("max(area * 1000, 500000)", area=100) == 500_000
    assert fee("ceil(10.1)") == 11
    assert fee("floor(10.9)") == 10
    assert fee("abs(3 - 10)") == 7
    # 150 × 120000 / 7 = 2,571,428.57… → rounded to thousands = 2,571,000
    assert fee("round(area * 120000 / 7, -3)", area=150) == 2_571_000


def test_result_rounds_half_up_to_whole_rials_and_uses_exact_decimals() -> None:
    assert fee("10 / 4") == 3  # 2.5 → 3 (half up, not banker's rounding)
    assert fee("0.1 + 0.2 == 0.3 ? 1 : 0") == 1  # decimals, not binary floats
    assert fee("x * 3", x=0.1) == 0
    assert evaluate_fee(compile_fee("x * 10"), {"x": Decimal("1.25")}) == 13


def test_fields_are_collected_and_checked_against_the_form() -> None:
    rule = compile_fee("area_m2 * 1000 + floors", fields={"area_m2", "floors", "usage"})
    assert rule.fields == {"area_m2", "floors"}
    with pytest.raises(FeeError) as caught:
        compile_fee("area_m2 * 1000 + height", fields={"area_m2"})
    assert caught.value.code == "fee_unknown_field"
    assert "height" in caught.value.message and "height" in caught.value.message_en
    assert caught.value.position == 17


@pytest.mark.parametrize(
    ("source", "position"),
    [("1 +", 3), ("(1 + 2", 6), ("1 2", 2), ("", -1), ("3 ? 1", 5), ("* 2", 0), ("2 < 3 < 4", 6)],
)
def test_syntax_errors_say_where(source: str, position: int) -> None:
    err = error_of(source)
    assert err.code == "fee_syntax"
    assert err.position == position
    assert err.message and err.message_en and err.message != err.message_en


def test_division_by_zero_is_a_clear_error() -> None:
    err = error_of("area / (floors - 2)", area=100, floors=2)
    assert err.code == "fee_division_by_zero"
    assert "صفر" in err.message and "zero" in err.message_en
    assert error_of("5 % 0").code == "fee_division_by_zero"


@pytest.mark.parametrize(
    ("source", "values"),
    [
        ("floors > 3", {"floors": 4}),  # a fee must be a number
        ("commercial + 1", {"commercial": True}),  # no arithmetic on booleans
        ("area ? 1 : 2", {"area": 10}),  # a condition must be a boolean
        ("usage * 2", {"usage": "تجاری"}),  # no arithmetic on text
        ("usage == 2", {"usage": "تجاری"}),  # no comparing text with numbers
        ("not area", {"area": 1}),
        ("round(2, 0.5)", {}),
    ],
)
def test_wrong_types_are_refused(source: str, values: dict[str, object]) -> None:
    assert error_of(source, **values).code == "fee_type"


def test_missing_negative_and_huge_values() -> None:
    assert error_of("area * 2").code == "fee_missing_value"
    assert error_of("area * 2", area="").code == "fee_missing_value"
    assert error_of("100 - 200").code == "fee_negative"
    assert error_of("10000000 * 10000000 * 100").code == "fee_too_large"
    assert error_of("9" * 60 + " * " + "9" * 60).code == "fee_too_large"


@pytest.mark.parametrize(
    "source",
    [
        '__import__("os").system("id")',
        "eval(1)",
        "exec(1)",
        "open(1)",
        "getattr(area, 1)",
        "type(area)",
        "area.__class__",
        "area[0]",
        "lambda: 1",
        "(1).real",
        "area ** 2",
        "x = 1",
        "`id`",
        "f'{1}'",
        "area; 1",
    ],
)
def test_no_access_to_python_internals(source: str) -> None:
    with pytest.raises(FeeError) as caught:
        compile_fee(source)
    assert caught.value.code in {"fee_syntax", "fee_unknown_function"}


def test_unknown_function_lists_the_allowed_ones() -> None:
    err = error_of("sqrt(area)", area=4)
    assert err.code == "fee_unknown_function"
    assert "max" in err.message and "round" in err.message_en


def test_deep_nesting_and_long_rules_are_refused_not_crashed() -> None:
    assert error_of("(" * 500 + "1" + ")" * 500).code == "fee_syntax"
    assert error_of("-" * 500 + "1").code == "fee_syntax"
    assert error_of("1 + " * 600 + "1").code == "fee_syntax"  # over 2,000 characters


def test_errors_are_domain_errors_with_both_languages() -> None:
    err = error_of("1 +")
    body = err.as_dict()
    assert body["code"] == "fee_syntax" and body["field"] == "fee_rule"
    assert "۴" in body["message"] and "character 4" in body["message_en"]
