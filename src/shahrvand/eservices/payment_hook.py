"""The link from the payments app: a settled payment with reference "case:<id>" closes the
case's payment step. Registered in EservicesConfig.ready() when payments is installed."""

from __future__ import annotations

import uuid
from typing import Protocol

from .services.cases import case_payment_settled

PREFIX = "case"


class SettledPayment(Protocol):
    reference: str
    token: uuid.UUID
    amount: int


def payment_reference(case_id: int) -> str:
    """The reference to start a payment for case `case_id` with."""
    return f"{PREFIX}:{case_id}"


def on_payment_settled(payment: SettledPayment) -> None:
    """Idempotent: the payment token is the case's payment reference."""
    _, _, raw = payment.reference.partition(":")
    case_payment_settled(case_id=int(raw), reference=str(payment.token), amount=payment.amount)
