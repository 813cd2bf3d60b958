"""The payment state machine: only the documented edges, terminal states stay terminal."""

from __future__ import annotations

import pytest

from shahrvand.payments.models import AppendOnlyError, Payment
from shahrvand.payments.services import payment_cancel, payment_start
from shahrvand.payments.workflow import (
    TERMINAL,
    IllegalTransition,
    Status,
    can_transition,
    check_transition,
)


def test_edges() -> None:
    assert can_transition("started", "paid")
    assert can_transition("started", "failed")
    assert can_transition("started", "expired")
    assert can_transition("started", "cancelled")
    assert {"paid", "failed", "expired", "cancelled"} == TERMINAL
    for terminal in TERMINAL:
        for target in Status.values:
            assert not can_transition(terminal, target)


def test_illegal_transition_is_a_409_domain_error_in_both_languages() -> None:
    with pytest.raises(IllegalTransition) as caught:
        check_transition("paid", "failed")
    assert caught.value.http_status == 409
    assert "پرداخت‌شده" in caught.value.message and "paid to failed" in caught.value.message_en


@pytest.mark.django_db
def test_cancel_then_cancel_again_is_refused_and_logged_once() -> None:
    payment, _ = payment_start(reference="test:1", amount=10_000, description="x")
    payment = payment_cancel(payment=payment)
    assert payment.status == Status.CANCELLED
    with pytest.raises(IllegalTransition):
        payment_cancel(payment=payment)
    assert payment.events.filter(to_status="cancelled").count() == 1


@pytest.mark.django_db
def test_event_log_is_append_only() -> None:
    payment, _ = payment_start(reference="test:2", amount=10_000, description="x")
    event = payment.events.first()
    assert event is not None
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


@pytest.mark.django_db
def test_start_validates_reference_and_amount() -> None:
    from shahrvand.common.errors import DomainError

    with pytest.raises(DomainError) as caught:
        payment_start(reference="no-prefix", amount=10_000, description="x")
    assert caught.value.field == "reference"
    with pytest.raises(DomainError) as caught:
        payment_start(reference="test:3", amount=0, description="x")
    assert caught.value.field == "amount"
    assert not Payment.objects.exists()
