"""Two callbacks for one payment at the same moment (PostgreSQL row locks): one verification,
one paid transition, the same answer for both."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from shahrvand.payments.models import Payment
from shahrvand.payments.services import payment_callback, payment_start
from shahrvand.payments.workflow import Status

from .conftest import Settled
from .fake_zarinpal import FakeZarinpal
from .test_zarinpal_adapter import visit_bank

pytestmark = pytest.mark.django_db(transaction=True)


def test_simultaneous_callbacks_verify_once(zarinpal: FakeZarinpal, settled: Settled) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (CI runs it); SQLite serialises writers anyway")
    payment, redirect = payment_start(reference="test:1", amount=90_000, description="x")
    visit_bank(redirect)
    zarinpal.verify_delay = 0.5  # keep the first verification in flight
    results: list[str] = []
    errors: list[BaseException] = []

    def callback() -> None:
        try:
            paid = payment_callback(provider="zarinpal", authority=payment.authority, status="OK")
            results.append(paid.status)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=callback) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert errors == []
    assert results == [Status.PAID, Status.PAID]
    assert len(zarinpal.verify_calls()) == 1
    assert Payment.objects.get(pk=payment.pk).events.filter(to_status="paid").count() == 1
    assert settled.calls == [("test:1", 90_000)]
