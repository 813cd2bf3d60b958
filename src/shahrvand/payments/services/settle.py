"""The payer comes back from the bank: verify once, settle once, answer the same every time.

The payment row is locked while the provider is asked, so two simultaneous callbacks for
one payment cause one verification and one paid transition; the second sees "paid".
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from shahrvand.common.errors import DomainError, NotFound
from shahrvand.payments.models import Payment
from shahrvand.payments.providers import ProviderError, get_provider
from shahrvand.payments.workflow import Status

from .transitions import log_event, settle, transition


class PaymentExpired(DomainError):
    code = "payment_expired"
    http_status = 410


def payment_callback(*, provider: str, authority: str, status: str) -> Payment:
    """Handle the provider's return (?Authority=…&Status=OK|NOK); return the payment.

    Idempotent: a callback for a payment already paid, failed or cancelled changes nothing
    and returns it as it is. Raises NotFound for an unknown authority, PaymentExpired for
    an expired payment, and ProviderError when the provider cannot confirm yet (the payment
    stays started and reconciliation settles it).
    """
    authority = authority.strip()
    pending_error: ProviderError | None = None
    with transaction.atomic():
        payment = (
            Payment.objects.select_for_update()
            .filter(provider=provider, authority=authority)
            .first()
            if authority
            else None
        )
        if payment is None:
            raise NotFound(
                "پرداختی با این شناسه پیدا نشد.",
                message_en="No payment has this authority.",
                field="Authority",
            )
        if payment.status == Status.EXPIRED:
            raise PaymentExpired(
                "مهلت این پرداخت گذشته بود و لغو شد؛ اگر مبلغی از حساب شما کسر شده باشد، "
                "درگاه آن را ظرف ۷۲ ساعت بازمی‌گرداند. لطفاً دوباره پرداخت کنید.",
                message_en="This payment had expired and was cancelled; any amount taken is "
                "returned by the gateway within 72 hours. Please pay again.",
            )
        if payment.status != Status.STARTED:
            return payment  # paid, failed or cancelled: the same answer every time
        if status.strip().upper() != "OK":
            return transition(
                payment,
                Status.FAILED,
                source="callback",
                note="the payer cancelled or the bank declined",
                failure_code="NOK",
                failure_message="پرداخت در درگاه انجام نشد یا لغو شد.",
            )
        pending_error = verify_and_apply(payment, source="callback", unpaid_to=Status.FAILED)
    if pending_error is not None:
        raise pending_error
    return payment


def verify_and_apply(
    payment: Payment, *, source: str, unpaid_to: str | None
) -> ProviderError | None:
    """Verify a locked, started `payment` with its provider and apply the answer.

    `unpaid_to` is the status for "not paid" (None: stay started). Returns a transient
    ProviderError to report (the payment stays started), or None.
    """
    if (
        Payment.objects.filter(reference=payment.reference, status=Status.PAID)
        .exclude(pk=payment.pk)
        .exists()
    ):
        # Never confirm a second payment for the same thing: left unverified, the gateway
        # returns the money to the payer by itself.
        transition(
            payment,
            Status.FAILED,
            source=source,
            note="another payment for this reference is already paid",
            failure_code="duplicate",
            failure_message="این مورد پیش‌تر پرداخت شده بود؛ مبلغ این تراکنش بازگردانده می‌شود.",
        )
        return None
    payment.attempts += 1
    payment.save(update_fields=["attempts", "updated_at"])
    try:
        result = get_provider(payment.provider).verify(payment)
    except ProviderError as exc:
        log_event(payment, source=source, note=exc.message_en, data={"code": exc.provider_code})
        if exc.transient:
            return exc
        transition(
            payment,
            Status.FAILED,
            source=source,
            note=exc.message_en,
            failure_code=exc.provider_code[:32],
            failure_message=exc.message[:255],
        )
        return None
    if result.outcome in ("paid", "already"):
        transition(
            payment,
            Status.PAID,
            source=source,
            note=f"verified ({result.provider_code})",
            ref_id=result.ref_id,
            card_mask=result.card_mask,
        )
        settle(payment)
    elif result.outcome == "mismatch":
        transition(
            payment,
            Status.FAILED,
            source=source,
            note="amount differs from the provider's",
            failure_code="amount_mismatch",
            failure_message="مبلغ پرداخت‌شده با مبلغ درخواست یکسان نیست.",
        )
    elif unpaid_to is not None:
        transition(
            payment,
            unpaid_to,
            source=source,
            note=f"not paid ({result.provider_code})",
            failure_code=result.provider_code[:32],
            failure_message="پرداخت انجام نشد.",
        )
    return None


def payment_cancel(*, payment: Payment, note: str = "") -> Payment:
    """The payer's domain abandons a started payment (e.g. the fee changed)."""
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        transition(locked, Status.CANCELLED, source="cancel", note=note or "cancelled")
        locked.updated_at = timezone.now()
    return locked
