"""The fee language: a small, safe expression language for e-service fees (docs/payments.md).

    area_m2 * 120000 + (floors > 3 ? 5000000 : 0)
    max(round(area_m2 * ۱۲۰۰۰۰, -3), 2000000)

A real tokenizer and recursive-descent parser build a tiny tree that is walked by an
evaluator knowing only numbers, booleans and strings: there is no way to reach Python
objects, attributes or arbitrary calls, and nothing is ever passed to eval/exec.

Use `validate_fee_rule(rule, form_schema=...)` (or `compile_fee(source, fields=...)`) when a
fee rule is saved or loaded — it checks the syntax, the functions and every field name — and
`evaluate_fee(rule, values)` to get the fee in Rials.
"""

from __future__ import annotations

from .errors import FeeError
from .evaluator import evaluate_fee
from .parser import FeeRule, compile_fee
from .validation import form_fields, validate_fee_rule

__all__ = [
    "FeeError",
    "FeeRule",
    "compile_fee",
    "evaluate_fee",
    "form_fields",
    "validate_fee_rule",
]
