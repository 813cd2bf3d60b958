"""Evaluation of a compiled fee rule over a form's values.

Values are exact decimals (never floats), booleans and strings; every operator checks the
types it gets. The result is rounded half-up to whole Rials and must be 0 … 10^15.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from shahrvand.common.persian import normalize_digits

from .errors import FeeError
from .parser import Binary, Bool, Call, Conditional, FeeRule, Field, Node, Num, Str, Unary

Value = Decimal | bool | str
MAX_FEE = Decimal(10) ** 15
_CONTEXT = decimal.Context(
    prec=34,
    rounding=ROUND_HALF_UP,
    Emax=40,
    Emin=-40,
    traps=[decimal.Overflow, decimal.InvalidOperation, decimal.DivisionByZero],
)
_TYPE_FA = {Decimal: "عدد", bool: "درست/نادرست", str: "متن"}
_TYPE_EN = {Decimal: "number", bool: "boolean", str: "text"}


def evaluate_fee(rule: FeeRule, values: Mapping[str, object]) -> int:
    """The fee in Rials for a form's `values` (field name → value)."""
    env = {name: _coerce(name, values.get(name), rule) for name in rule.fields}
    try:
        with decimal.localcontext(_CONTEXT):
            result = _eval(rule.tree, env)
            if not isinstance(result, Decimal) or isinstance(result, bool):
                raise _type_error("نتیجهٔ فرمول", "the result", Decimal, result, rule.tree)
            rials = result.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    except (decimal.Overflow, decimal.InvalidOperation) as exc:
        raise _too_large() from exc
    if rials < 0:
        raise FeeError(
            "fee_negative",
            "هزینهٔ محاسبه‌شده منفی است.",
            "The computed fee is negative.",
        )
    if rials > MAX_FEE:
        raise _too_large()
    return int(rials)


def _too_large() -> FeeError:
    return FeeError(
        "fee_too_large",
        "هزینهٔ محاسبه‌شده بیش از حد بزرگ است.",
        "The computed fee is too large.",
    )


def _coerce(name: str, raw: object, rule: FeeRule) -> Value:
    position = rule.source.find(name)
    if raw is None or raw == "":
        raise FeeError(
            "fee_missing_value",
            f"مقدار فیلد «{name}» برای محاسبهٔ هزینه لازم است.",
            f"Field {name!r} is needed to compute the fee.",
            position=position,
        )
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, int):
        return Decimal(raw)
    if isinstance(raw, float):
        return Decimal(repr(raw))
    if isinstance(raw, Decimal):
        return raw
    if isinstance(raw, str):
        text = normalize_digits(raw).strip().replace("٫", ".").replace("٬", "").replace(",", "")
        try:
            number = Decimal(text)
        except decimal.InvalidOperation:
            return raw  # a choice or text field: comparable with == and != only
        return number if number.is_finite() else raw
    raise FeeError(
        "fee_type",
        f"مقدار فیلد «{name}» نه عدد است نه متن.",
        f"Field {name!r} is neither a number nor text.",
        position=position,
    )


def _type_error(what_fa: str, what_en: str, wanted: type, got: Value, node: Node) -> FeeError:
    return FeeError(
        "fee_type",
        f"{what_fa} باید {_TYPE_FA[wanted]} باشد، نه {_TYPE_FA[type(got)]}.",
        f"{what_en[0].upper()}{what_en[1:]} must be a {_TYPE_EN[wanted]}, "
        f"not a {_TYPE_EN[type(got)]}.",
        position=node.pos,
    )


def _number(node: Node, env: Mapping[str, Value], what_fa: str, what_en: str) -> Decimal:
    value = _eval(node, env)
    if isinstance(value, bool) or not isinstance(value, Decimal):
        raise _type_error(what_fa, what_en, Decimal, value, node)
    return value


def _boolean(node: Node, env: Mapping[str, Value], what_fa: str, what_en: str) -> bool:
    value = _eval(node, env)
    if not isinstance(value, bool):
        raise _type_error(what_fa, what_en, bool, value, node)
    return value


def _eval(node: Node, env: Mapping[str, Value]) -> Value:
    if isinstance(node, Num | Str | Bool):
        return node.value
    if isinstance(node, Field):
        return env[node.name]
    if isinstance(node, Unary):
        if node.op == "not":
            return not _boolean(node.operand, env, "ورودی not", "the operand of not")
        value = _number(node.operand, env, f"ورودی «{node.op}»", f"the operand of {node.op}")
        return -value if node.op == "-" else value
    if isinstance(node, Conditional):
        test = _boolean(node.test, env, "شرطِ پیش از ?", "the condition before ?")
        return _eval(node.then if test else node.otherwise, env)
    if isinstance(node, Call):
        return _call(node, env)
    return _binary(node, env)


def _binary(node: Binary, env: Mapping[str, Value]) -> Value:
    op = node.op
    if op in ("and", "or"):
        first = _boolean(node.left, env, f"دو سوی {op}", f"both sides of {op}")
        if (op == "and" and not first) or (op == "or" and first):
            return first  # short-circuit, like every language people know
        return _boolean(node.right, env, f"دو سوی {op}", f"both sides of {op}")
    if op in ("==", "!="):
        left_value, right_value = _eval(node.left, env), _eval(node.right, env)
        if type(left_value) is not type(right_value):
            raise _type_error(
                f"دو سوی {op}", f"both sides of {op}", type(left_value), right_value, node.right
            )
        return (left_value == right_value) == (op == "==")
    left = _number(node.left, env, f"دو سوی «{op}»", f"both sides of {op}")
    right = _number(node.right, env, f"دو سوی «{op}»", f"both sides of {op}")
    if op in ("/", "%") and right == 0:
        raise FeeError(
            "fee_division_by_zero",
            "تقسیم بر صفر در فرمول هزینه.",
            "Division by zero in the fee rule.",
            position=node.pos,
        )
    match op:
        case "+":
            return left + right
        case "-":
            return left - right
        case "*":
            return left * right
        case "/":
            return left / right
        case "%":
            return left % right
        case "<":
            return left < right
        case "<=":
            return left <= right
        case ">":
            return left > right
        case ">=":
            return left >= right
    raise AssertionError(op)  # the parser produces no other operator


def _call(node: Call, env: Mapping[str, Value]) -> Value:
    name = node.name
    args = [_number(a, env, f"ورودی‌های {name}", f"the arguments of {name}") for a in node.args]
    if name == "min":
        return min(args)
    if name == "max":
        return max(args)
    if name == "abs":
        return abs(args[0])
    if name == "ceil":
        return args[0].to_integral_value(rounding=ROUND_CEILING)
    if name == "floor":
        return args[0].to_integral_value(rounding=ROUND_FLOOR)
    # round(x) to whole Rials; round(x, -3) to thousands; round(x, 2) to two decimals
    places = args[1] if len(args) == 2 else Decimal(0)
    if places != places.to_integral_value() or abs(places) > 15:
        raise FeeError(
            "fee_type",
            "ورودی دوم round باید عدد صحیحی بین −۱۵ و ۱۵ باشد.",
            "The second argument of round must be a whole number between -15 and 15.",
            position=node.pos,
        )
    return args[0].quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
