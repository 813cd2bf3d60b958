"""The pay button: what is due on a case and starting its payment (payments app).

A case owes money while its payment step is active. The amount is the service's fee rule
evaluated on the case's form (stored on the case once, audited, by case_record_fee). The
payment's reference is "case:<id>"; the eservices app's settlement handler approves the
payment step when the payments app confirms the money.
"""

from __future__ import annotations

from dataclasses import dataclass

from shahrvand.common.errors import DomainError
from shahrvand.eservices.models import Case, CaseStep
from shahrvand.eservices.services.cases import case_record_fee
from shahrvand.payments.fees import FeeError
from shahrvand.payments.models import Payment
from shahrvand.payments.selectors import payment_by_token, payments_for_reference
from shahrvand.payments.services import payment_start

from .fees import fee_for, rials


@dataclass(frozen=True)
class PaymentDue:
    amount: int
    amount_text: str
    last: Payment | None


def reference(case: Case) -> str:
    return f"case:{case.pk}"


def _payment_step(case: Case) -> CaseStep | None:
    return next(
        (
            s
            for s in case.steps.all()
            if s.kind == CaseStep.Kind.PAYMENT and s.status == CaseStep.Status.ACTIVE
        ),
        None,
    )


def _amount(case: Case) -> int:
    if case.fee_amount is not None:
        return int(case.fee_amount)
    try:
        amount = fee_for(case.service, case.form_data)
    except FeeError as exc:
        raise DomainError(
            "هزینهٔ این پرونده محاسبه نشد؛ با شهرداری تماس بگیرید.",
            message_en=f"The fee could not be computed: {exc.message_en}",
            code="fee_failed",
        ) from exc
    case_record_fee(case=case, amount=amount)
    case.fee_amount = amount
    return amount


def due(case: Case) -> PaymentDue | None:
    """What the citizen must pay now, or None."""
    if _payment_step(case) is None:
        return None
    try:
        amount = _amount(case)
    except DomainError:
        return None
    payments = payments_for_reference(reference(case))
    return PaymentDue(
        amount=amount, amount_text=rials(amount), last=payments[0] if payments else None
    )


def start(case: Case, *, return_url: str) -> str:
    """Start paying the case's fee; return the bank page URL (DomainError when nothing is
    due or the gateway refuses)."""
    if _payment_step(case) is None:
        raise DomainError(
            "این پرونده اکنون منتظر پرداخت نیست.",
            message_en="This case is not waiting for a payment.",
            code="not_awaiting_payment",
        )
    amount = _amount(case)
    _, url = payment_start(
        reference=reference(case),
        amount=amount,
        description=f"{case.service.name_fa} — پرونده {case.tracking_code}",
        municipality=case.municipality,
        payer_mobile=case.applicant_phone,
        return_url=return_url,
    )
    return url


def returned_from_bank(case: Case, token: str) -> Payment | None:
    """The payment the bank just sent the citizen back from, if it is this case's."""
    payment = payment_by_token(token) if token else None
    return payment if payment is not None and payment.reference == reference(case) else None
