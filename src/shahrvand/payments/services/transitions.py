"""The one place where a payment's status changes (checked against workflow.py) and logged."""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.utils import timezone

from shahrvand.payments import handlers
from shahrvand.payments.models import Payment, PaymentEvent
from shahrvand.payments.workflow import Status, check_transition

log = logging.getLogger(__name__)


def transition(
    payment: Payment, target: str, *, source: str, note: str = "", **fields: Any
) -> Payment:
    """Move a locked `payment` to `target`, set `fields`, and append the event."""
    check_transition(payment.status, target)
    before = payment.status
    payment.status = target
    for name, value in fields.items():
        setattr(payment, name, value)
    if target == Status.PAID:
        payment.paid_at = timezone.now()
    payment.save()
    PaymentEvent.objects.create(
        payment=payment,
        from_status=before,
        to_status=target,
        source=source,
        note=note[:255],
        data={k: str(v) for k, v in fields.items()},
    )
    return payment


def log_event(
    payment: Payment, *, source: str, note: str, data: dict[str, Any] | None = None
) -> None:
    PaymentEvent.objects.create(payment=payment, source=source, note=note[:255], data=data or {})


def settle(payment: Payment) -> bool:
    """Tell the payer's domain that `payment` is paid; True once a handler accepted it.

    The handler runs in a savepoint: if it fails, the payment stays paid (the money is
    real) with settled_at empty, and reconciliation calls the handler again later.
    """
    if payment.status != Status.PAID or payment.settled_at is not None:
        return payment.settled_at is not None
    handler = handlers.handler_for(payment.reference)
    if handler is None:
        log.warning("no settlement handler for payment reference %s", payment.reference)
        return False
    try:
        with transaction.atomic():
            handler(payment)
    except Exception as exc:
        log.exception("settlement handler failed for payment %s", payment.pk)
        log_event(payment, source="settle", note=f"handler failed: {exc}"[:255])
        return False
    payment.settled_at = timezone.now()
    payment.save(update_fields=["settled_at", "updated_at"])
    log_event(payment, source="settle", note="handler accepted")
    return True
