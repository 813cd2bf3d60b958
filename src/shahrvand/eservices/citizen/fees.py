"""The fee of a service as the catalogue states it, and the fee of one case."""

from __future__ import annotations

from typing import Any

from shahrvand.common.persian import to_persian_digits
from shahrvand.eservices.models import Service
from shahrvand.payments.fees import FeeError, compile_fee, evaluate_fee


def rials(amount: int) -> str:
    """'۱۲٬۵۰۰٬۰۰۰ ریال'."""
    return to_persian_digits(f"{amount:,}".replace(",", "٬")) + " ریال"


def fee_text(service: Service) -> str:
    rule = (service.fee_rule or "").strip()
    if not rule:
        return "رایگان"
    try:
        compiled = compile_fee(rule)
        fixed = evaluate_fee(compiled, {})
    except FeeError:
        return "بر اساس اطلاعات درخواست (مانند متراژ) محاسبه و پیش از پرداخت نشان داده می‌شود"
    return rials(fixed) if fixed else "رایگان"


def fee_for(service: Service, form_data: dict[str, Any]) -> int:
    """The fee in rials for this form (FeeError if the rule cannot be evaluated)."""
    rule = (service.fee_rule or "").strip()
    if not rule:
        return 0
    return evaluate_fee(compile_fee(rule), form_data)
