"""The sandbox provider: a local "bank page" inside the app where the payer clicks pay or
cancel. Dev and test only (PAYMENT_SANDBOX_ENABLED is false in production settings).

It speaks the same callback shape as Zarinpal (?Authority=…&Status=OK|NOK) and answers
verification with the same outcomes (first verification "paid", later ones "already").
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from .base import PaymentProvider, ProviderError, StartResult, VerifyResult

if TYPE_CHECKING:
    from shahrvand.payments.models import Payment


def _refuse_outside_dev() -> None:
    if not settings.PAYMENT_SANDBOX_ENABLED:
        raise ProviderError(
            "درگاه آزمایشی در این استقرار غیرفعال است.",
            message_en="The sandbox payment provider is disabled in this deployment.",
            transient=False,
        )


class SandboxProvider(PaymentProvider):
    name = "sandbox"

    def start(self, payment: Payment, *, callback_url: str) -> StartResult:
        from shahrvand.payments.models import SandboxTransaction

        _refuse_outside_dev()
        authority = "S" + secrets.token_hex(10).upper()
        SandboxTransaction.objects.create(
            authority=authority,
            amount=payment.amount,
            description=payment.description,
            callback_url=callback_url,
        )
        return StartResult(
            authority=authority, redirect_url=reverse("payments:sandbox_bank", args=[authority])
        )

    def verify(self, payment: Payment) -> VerifyResult:
        from shahrvand.payments.models import SandboxTransaction

        _refuse_outside_dev()
        with transaction.atomic():
            bank = (
                SandboxTransaction.objects.select_for_update()
                .filter(authority=payment.authority)
                .first()
            )
            if bank is None or bank.state != SandboxTransaction.State.PAID:
                return VerifyResult(outcome="unpaid", provider_code="NOK", message="not paid")
            if bank.amount != payment.amount:
                return VerifyResult(outcome="mismatch", provider_code="AMOUNT")
            outcome: str = "already" if bank.verified else "paid"
            if not bank.verified:
                bank.verified = True
                bank.save(update_fields=["verified"])
        return VerifyResult(
            outcome="already" if outcome == "already" else "paid",
            ref_id=bank.ref_id,
            card_mask="603799******0000",
            provider_code="101" if outcome == "already" else "100",
        )
