"""Starting a payment: record it, register it with the provider, return the bank page URL."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from shahrvand.common.errors import DomainError
from shahrvand.payments.models import Payment
from shahrvand.payments.providers import ProviderError, get_provider
from shahrvand.payments.workflow import Status
from shahrvand.tenancy.links import public_url
from shahrvand.tenancy.models import Municipality

from .transitions import log_event, transition


class AlreadyPaid(DomainError):
    code = "payment_already_paid"
    http_status = 409


def callback_url_for(provider: str, municipality: Municipality | None = None) -> str:
    """Where the provider sends the payer back (the municipality's public address, see
    tenancy.links). The sandbox stays on the same site."""
    path = reverse("payments:callback", args=[provider])
    if provider == "sandbox":
        return path
    return public_url(municipality, path)


def payment_start(
    *,
    reference: str,
    amount: int,
    description: str,
    municipality: Municipality | None = None,
    payer_mobile: str = "",
    return_url: str = "",
    provider: str | None = None,
) -> tuple[Payment, str]:
    """Start paying `amount` Rials for `reference`; return the payment and the bank page URL.

    Refuses a reference that is already paid. If the provider refuses or cannot be reached
    the payment ends as failed and the ProviderError is raised for the caller to show.
    """
    if ":" not in reference:
        raise DomainError(
            "مرجع پرداخت باید به شکل «نوع:شناسه» باشد.",
            message_en='A payment reference looks like "kind:id".',
            field="reference",
        )
    if amount <= 0:
        raise DomainError(
            "مبلغ پرداخت باید بیشتر از صفر باشد.",
            message_en="The amount must be more than zero.",
            field="amount",
        )
    gateway = get_provider(provider)
    with transaction.atomic():
        if Payment.objects.filter(reference=reference, status=Status.PAID).exists():
            raise AlreadyPaid(
                "این مورد پیش‌تر پرداخت شده است.", message_en="This has already been paid."
            )
        payment = Payment.objects.create(
            reference=reference,
            amount=amount,
            description=description[:255],
            municipality=municipality,
            payer_mobile=payer_mobile,
            return_url=return_url,
            provider=gateway.name,
            expires_at=timezone.now() + dt.timedelta(minutes=settings.PAYMENT_EXPIRY_MINUTES),
        )
        log_event(payment, source="start", note=f"{amount} Rials via {gateway.name}")
    try:
        started = gateway.start(payment, callback_url=callback_url_for(gateway.name, municipality))
    except ProviderError as exc:
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=payment.pk)
            transition(
                payment,
                Status.FAILED,
                source="start",
                note=exc.message_en,
                failure_code=exc.provider_code[:32],
                failure_message=exc.message[:255],
            )
        raise
    with transaction.atomic():
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        payment.authority = started.authority
        payment.save(update_fields=["authority", "updated_at"])
        log_event(
            payment,
            source="start",
            note="authority received",
            data={"authority": started.authority},
        )
    return payment, started.redirect_url
