"""Reads of the payments app."""

from __future__ import annotations

import uuid

from shahrvand.payments.models import Payment


def payment_by_token(token: str) -> Payment | None:
    """The payment a payer holds the token of (the token is the only key shown to payers)."""
    try:
        key = uuid.UUID(str(token))
    except ValueError:
        return None
    return Payment.objects.filter(token=key).first()


def payments_for_reference(reference: str) -> list[Payment]:
    """Every payment for `reference`, newest first (the payer's domain shows the last one)."""
    return list(Payment.objects.filter(reference=reference).order_by("-created_at", "-id"))
