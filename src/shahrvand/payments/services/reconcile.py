"""Reconciliation: settle what the callback missed, expire what nobody finished.

Run every few minutes by Celery beat (payments.reconcile) and by
`manage.py reconcile_payments`. For each started payment older than
PAYMENT_RECONCILE_AFTER_MINUTES the provider is asked again; paid ones become paid and
are settled, unpaid ones past their expiry become expired, unreachable providers are
simply asked again next time (the money may be real). Paid payments whose handler failed
are settled again.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shahrvand.payments.models import Payment
from shahrvand.payments.workflow import Status

from .settle import verify_and_apply
from .transitions import settle, transition


def reconcile_payments(*, now: dt.datetime | None = None, limit: int = 200) -> dict[str, int]:
    """Return counts: {"paid", "expired", "failed", "pending", "settled"}."""
    now = now or timezone.now()
    counts = {"paid": 0, "expired": 0, "failed": 0, "pending": 0, "settled": 0}
    after = now - dt.timedelta(minutes=settings.PAYMENT_RECONCILE_AFTER_MINUTES)
    stale = list(
        Payment.objects.filter(status=Status.STARTED, created_at__lte=after)
        .order_by("created_at")
        .values_list("pk", flat=True)[:limit]
    )
    for pk in stale:
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=pk)
            if payment.status != Status.STARTED:
                continue
            expired = payment.expires_at <= now
            if not payment.authority:
                # The provider never heard of it: nothing to ask.
                if expired:
                    transition(
                        payment, Status.EXPIRED, source="expiry", note="never reached the bank"
                    )
                    counts["expired"] += 1
                else:
                    counts["pending"] += 1
                continue
            verify_and_apply(
                payment, source="reconcile", unpaid_to=Status.EXPIRED if expired else None
            )
            counts[
                {"paid": "paid", "expired": "expired", "failed": "failed"}.get(
                    payment.status, "pending"
                )
            ] += 1
    for pk in Payment.objects.filter(status=Status.PAID, settled_at__isnull=True).values_list(
        "pk", flat=True
    )[:limit]:
        with transaction.atomic():
            payment = Payment.objects.select_for_update().get(pk=pk)
            if settle(payment):
                counts["settled"] += 1
    return counts
