"""The embedded default: the sandbox bank page, callbacks, idempotency and settlement."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shahrvand.payments.models import Payment
from shahrvand.payments.services import AlreadyPaid, payment_callback, payment_start
from shahrvand.payments.services.settle import PaymentExpired
from shahrvand.payments.workflow import Status

from .conftest import Settled

pytestmark = pytest.mark.django_db


def pay_in_sandbox(client: Client, redirect: str, action: str = "pay") -> Any:
    page = client.get(redirect)
    assert page.status_code == 200
    return client.post(redirect, {"action": action})


def test_bank_page_is_persian_and_shows_the_amount(client: Client) -> None:
    _, redirect = payment_start(reference="test:1", amount=3_450_000, description="عوارض نوسازی")
    html = client.get(redirect).content.decode()
    assert "درگاه پرداخت آزمایشی" in html
    assert "۳٬۴۵۰٬۰۰۰ ریال" in html and "عوارض نوسازی" in html
    assert "<script" not in html.split("</footer>")[0].split("<main")[1]  # no inline script
    assert "style=" not in html


def test_pay_callback_result_and_handler(client: Client, settled: Settled) -> None:
    payment, redirect = payment_start(
        reference="test:5", amount=120_000, description="x", return_url="/cases/5/"
    )
    to_callback = pay_in_sandbox(client, redirect)
    assert to_callback.status_code == 302
    assert to_callback["Location"].startswith("/payments/callback/sandbox/?Authority=")
    landed = client.get(to_callback["Location"])
    assert landed["Location"] == f"/cases/5/?payment={payment.token}"
    payment.refresh_from_db()
    assert payment.status == Status.PAID and len(payment.ref_id) == 10
    assert settled.calls == [("test:5", 120_000)]
    # The same callback again (reload, a second tab): same answer, nothing new.
    again = client.get(to_callback["Location"])
    assert again["Location"] == landed["Location"]
    assert settled.calls == [("test:5", 120_000)]
    assert payment.events.filter(to_status="paid").count() == 1


def test_cancel_at_the_bank(client: Client, settled: Settled) -> None:
    payment, redirect = payment_start(reference="test:6", amount=120_000, description="x")
    to_callback = pay_in_sandbox(client, redirect, action="cancel")
    assert "Status=NOK" in to_callback["Location"]
    client.get(to_callback["Location"])
    payment.refresh_from_db()
    assert payment.status == Status.FAILED
    assert settled.calls == []
    result = client.get(f"/payments/{payment.token}/").content.decode()
    assert "ناموفق" in result


def test_a_paid_reference_cannot_be_paid_again(client: Client, settled: Settled) -> None:
    _first, redirect = payment_start(reference="test:7", amount=10_000, description="x")
    client.get(pay_in_sandbox(client, redirect)["Location"])
    with pytest.raises(AlreadyPaid):
        payment_start(reference="test:7", amount=10_000, description="x")


def test_second_bank_payment_for_a_paid_reference_is_not_confirmed(
    client: Client, settled: Settled
) -> None:
    # Two tabs: both started before either was paid.
    one, redirect_one = payment_start(reference="test:8", amount=10_000, description="x")
    two, redirect_two = payment_start(reference="test:8", amount=10_000, description="x")
    client.get(pay_in_sandbox(client, redirect_one)["Location"])
    client.get(pay_in_sandbox(client, redirect_two)["Location"])
    one.refresh_from_db()
    two.refresh_from_db()
    assert (one.status, two.status) == (Status.PAID, Status.FAILED)
    assert two.failure_code == "duplicate"
    assert settled.calls == [("test:8", 10_000)]


def test_forged_ok_without_paying_fails(client: Client) -> None:
    payment, _ = payment_start(reference="test:9", amount=10_000, description="x")
    client.get(f"/payments/callback/sandbox/?Authority={payment.authority}&Status=OK")
    payment.refresh_from_db()
    assert payment.status == Status.FAILED


def test_callback_for_an_expired_payment_is_refused_clearly(client: Client) -> None:
    payment, _ = payment_start(reference="test:10", amount=10_000, description="x")
    Payment.objects.filter(pk=payment.pk).update(status=Status.EXPIRED)
    response = client.get(f"/payments/callback/sandbox/?Authority={payment.authority}&Status=OK")
    assert response.status_code == 410
    body = response.content.decode()
    assert "مهلت این پرداخت گذشته" in body and "had expired" in body
    with pytest.raises(PaymentExpired):
        payment_callback(provider="sandbox", authority=payment.authority, status="OK")


def test_missing_authority_and_bad_token_pages(client: Client) -> None:
    assert client.get("/payments/callback/sandbox/?Status=OK").status_code == 404
    assert client.get("/payments/not-a-uuid/").status_code == 404
    assert client.get("/payments/sandbox/SUNKNOWN/").status_code == 404


def test_sandbox_is_off_when_disabled(client: Client, settings: Any) -> None:
    from shahrvand.payments.providers import ProviderError

    _, redirect = payment_start(reference="test:11", amount=10_000, description="x")
    settings.PAYMENT_SANDBOX_ENABLED = False
    assert client.get(redirect).status_code == 404
    with pytest.raises(ProviderError):
        payment_start(reference="test:12", amount=10_000, description="x")
