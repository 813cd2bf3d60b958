"""Reconciliation: stale payments re-verified and settled, unpaid ones expired, handlers retried."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from shahrvand.payments.models import Payment, SandboxTransaction
from shahrvand.payments.services import payment_callback, payment_start, reconcile_payments
from shahrvand.payments.workflow import Status

from .conftest import Settled
from .fake_zarinpal import FakeZarinpal
from .test_zarinpal_adapter import visit_bank

pytestmark = pytest.mark.django_db


def age(payment: Payment, minutes: int) -> None:
    """Pretend the payment was started `minutes` ago (expiry is 30 minutes)."""
    created = timezone.now() - dt.timedelta(minutes=minutes)
    Payment.objects.filter(pk=payment.pk).update(
        created_at=created, expires_at=created + dt.timedelta(minutes=30)
    )


def test_paid_at_the_bank_but_never_came_back(zarinpal: FakeZarinpal, settled: Settled) -> None:
    payment, redirect = payment_start(reference="test:1", amount=70_000, description="x")
    visit_bank(redirect)  # paid, then the browser closed before the callback
    age(payment, 6)
    assert reconcile_payments() == {
        "paid": 1,
        "expired": 0,
        "failed": 0,
        "pending": 0,
        "settled": 0,
    }
    payment.refresh_from_db()
    assert payment.status == Status.PAID
    assert settled.calls == [("test:1", 70_000)]
    assert payment.events.filter(to_status="paid", source="reconcile").count() == 1
    # The late callback still gets the same answer and nothing happens twice.
    assert (
        payment_callback(provider="zarinpal", authority=payment.authority, status="OK").status
        == Status.PAID
    )
    assert len(zarinpal.verify_calls()) == 1


def test_young_payments_are_left_alone_and_unpaid_old_ones_expire(zarinpal: FakeZarinpal) -> None:
    young, _ = payment_start(reference="test:2", amount=70_000, description="x")
    at_bank, _ = payment_start(reference="test:3", amount=70_000, description="x")
    abandoned, _ = payment_start(reference="test:4", amount=70_000, description="x")
    age(at_bank, 10)  # not paid yet, but not expired either: ask, keep waiting
    age(abandoned, 31)
    counts = reconcile_payments()
    assert counts == {"paid": 0, "expired": 1, "failed": 0, "pending": 1, "settled": 0}
    statuses = dict(Payment.objects.values_list("reference", "status"))
    assert statuses == {"test:2": "started", "test:3": "started", "test:4": "expired"}
    # oldest first
    assert [c["json"]["authority"] for c in zarinpal.verify_calls()] == [
        abandoned.authority,
        at_bank.authority,
    ]
    del young


def test_unreachable_gateway_never_expires_a_payment_it_could_not_check(
    zarinpal: FakeZarinpal,
) -> None:
    payment, redirect = payment_start(reference="test:5", amount=70_000, description="x")
    visit_bank(redirect)
    age(payment, 45)
    zarinpal.fail_next = [503]
    assert reconcile_payments()["pending"] == 1
    payment.refresh_from_db()
    assert payment.status == Status.STARTED
    assert reconcile_payments()["paid"] == 1  # next run, the gateway is back


def test_failed_handler_is_retried_until_it_accepts(client: Any, settled: Settled) -> None:
    settled.fail = True
    payment, redirect = payment_start(reference="test:6", amount=10_000, description="x")
    to_callback = client.post(redirect, {"action": "pay"})
    client.get(to_callback["Location"])
    payment.refresh_from_db()
    assert payment.status == Status.PAID and payment.settled_at is None
    assert reconcile_payments()["settled"] == 0
    settled.fail = False
    assert reconcile_payments()["settled"] == 1
    assert reconcile_payments()["settled"] == 0
    assert settled.calls == [("test:6", 10_000)]


def test_sandbox_payment_that_never_reached_the_bank_expires() -> None:
    payment, _ = payment_start(reference="test:7", amount=10_000, description="x")
    SandboxTransaction.objects.filter(authority=payment.authority).delete()
    age(payment, 31)
    assert reconcile_payments()["expired"] == 1


def test_management_command_reports_counts(zarinpal: FakeZarinpal) -> None:
    payment, _ = payment_start(reference="test:8", amount=70_000, description="x")
    age(payment, 40)
    out = io.StringIO()
    call_command("reconcile_payments", stdout=out)
    assert out.getvalue().strip() == "paid=0 expired=1 failed=0 pending=0 settled=0"


def test_beat_schedule_runs_the_task(settings: Any) -> None:
    from shahrvand.payments.tasks import reconcile

    assert settings.CELERY_BEAT_SCHEDULE["payments-reconcile"]["task"] == reconcile.name
    assert reconcile.delay().get() == {
        "paid": 0,
        "expired": 0,
        "failed": 0,
        "pending": 0,
        "settled": 0,
    }
