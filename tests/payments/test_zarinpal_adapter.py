"""The Zarinpal v4 adapter against a local server speaking Zarinpal's protocol."""

from __future__ import annotations

import http.client
import urllib.parse
from typing import Any

import pytest
from django.test import Client

from shahrvand.payments.models import Payment
from shahrvand.payments.providers import ProviderError
from shahrvand.payments.services import payment_callback, payment_start
from shahrvand.payments.workflow import Status

from .conftest import Settled
from .fake_zarinpal import MERCHANT_ID, FakeZarinpal

pytestmark = pytest.mark.django_db


def visit_bank(redirect_url: str) -> str:
    """Open StartPay like a browser would and return where the bank sends the payer back."""
    parts = urllib.parse.urlsplit(redirect_url)
    connection = http.client.HTTPConnection(parts.netloc, timeout=2)
    connection.request("GET", parts.path)
    response = connection.getresponse()
    assert response.status == 302
    location = response.getheader("Location") or ""
    connection.close()
    return location


def back_to_us(client: Client, location: str) -> Any:
    parts = urllib.parse.urlsplit(location)
    assert parts.netloc == "shahr.example.ir"
    return client.get(f"{parts.path}?{parts.query}")


def test_request_sends_the_documented_fields(zarinpal: FakeZarinpal) -> None:
    payment, redirect = payment_start(
        reference="test:1", amount=2_500_000, description="عوارض پروانه", payer_mobile="09121234567"
    )
    sent = zarinpal.requests[0]
    assert sent["path"] == "/pg/v4/payment/request.json"
    assert sent["headers"]["Content-Type"] == "application/json"
    assert sent["json"] == {
        "merchant_id": MERCHANT_ID,
        "amount": 2_500_000,
        "currency": "IRR",
        "description": "عوارض پروانه",
        "callback_url": "https://shahr.example.ir/payments/callback/zarinpal/",
        "metadata": {"order_id": str(payment.token), "mobile": "09121234567"},
    }
    assert payment.authority.startswith("A") and len(payment.authority) == 36
    assert redirect == f"{zarinpal.url}/pg/StartPay/{payment.authority}"


def test_full_payment_settles_once_even_if_the_callback_comes_twice(
    zarinpal: FakeZarinpal, settled: Settled, client: Client
) -> None:
    payment, redirect = payment_start(reference="test:7", amount=1_200_000, description="x")
    location = visit_bank(redirect)
    assert f"Authority={payment.authority}" in location and "Status=OK" in location

    first = back_to_us(client, location)
    second = back_to_us(client, location)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == f"/payments/{payment.token}/"
    payment.refresh_from_db()
    assert payment.status == Status.PAID
    assert payment.ref_id == str(zarinpal.sessions[payment.authority].ref_id)
    assert payment.card_mask == "502229******5995"
    assert payment.settled_at is not None
    assert settled.calls == [("test:7", 1_200_000)]  # the domain was told once
    assert len(zarinpal.verify_calls()) == 1  # the second callback did not even ask
    assert zarinpal.verify_calls()[0]["json"] == {
        "merchant_id": MERCHANT_ID,
        "amount": 1_200_000,
        "authority": payment.authority,
    }
    assert (
        list(payment.events.values_list("from_status", "to_status")).count(("started", "paid")) == 1
    )
    page = client.get(first["Location"])
    assert "پرداخت‌شده" in page.content.decode()
    assert "۱٬۲۰۰٬۰۰۰ ریال" in page.content.decode()


def test_payer_cancelling_at_the_bank_fails_the_payment_without_verifying(
    zarinpal: FakeZarinpal, client: Client
) -> None:
    zarinpal.bank_decision = "NOK"
    payment, redirect = payment_start(reference="test:8", amount=50_000, description="x")
    response = back_to_us(client, visit_bank(redirect))
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.status == Status.FAILED
    assert zarinpal.verify_calls() == []


def test_101_already_verified_counts_as_paid(zarinpal: FakeZarinpal) -> None:
    payment, redirect = payment_start(reference="test:9", amount=50_000, description="x")
    visit_bank(redirect)
    session = zarinpal.sessions[payment.authority]
    session.verified, session.ref_id = True, 555  # someone verified it before us
    result = payment_callback(provider="zarinpal", authority=payment.authority, status="OK")
    assert result.status == Status.PAID and result.ref_id == "555"


def test_status_ok_but_not_paid_is_a_failure(zarinpal: FakeZarinpal) -> None:
    payment, _ = payment_start(reference="test:10", amount=50_000, description="x")
    # A forged "Status=OK" without paying: verify answers -51.
    result = payment_callback(provider="zarinpal", authority=payment.authority, status="OK")
    assert result.status == Status.FAILED and result.failure_code == "-51"


def test_amount_mismatch_fails_the_payment(zarinpal: FakeZarinpal) -> None:
    payment, redirect = payment_start(reference="test:11", amount=50_000, description="x")
    visit_bank(redirect)
    zarinpal.sessions[payment.authority].amount = 40_000  # the gateway holds another amount
    result = payment_callback(provider="zarinpal", authority=payment.authority, status="OK")
    assert result.status == Status.FAILED and result.failure_code == "amount_mismatch"


def test_gateway_down_during_verify_keeps_the_payment_started(
    zarinpal: FakeZarinpal, client: Client
) -> None:
    payment, redirect = payment_start(reference="test:12", amount=50_000, description="x")
    location = visit_bank(redirect)
    zarinpal.fail_next = [502]
    response = back_to_us(client, location)
    assert response.status_code == 502
    assert "در دسترس نیست" in response.content.decode()
    payment.refresh_from_db()
    assert payment.status == Status.STARTED and payment.attempts == 1
    # The payer reloads: the gateway is back, the payment settles.
    assert back_to_us(client, location).status_code == 302
    payment.refresh_from_db()
    assert payment.status == Status.PAID and payment.attempts == 2


def test_refused_request_ends_the_payment_as_failed_with_zarinpals_message(
    zarinpal: FakeZarinpal, settings: Any
) -> None:
    with pytest.raises(ProviderError) as caught:
        payment_start(reference="test:13", amount=5_000, description="x")  # below 10,000
    assert caught.value.provider_code == "-9" and "اعتبارسنجی" in caught.value.message
    assert Payment.objects.get(reference="test:13").status == Status.FAILED

    settings.ZARINPAL_MERCHANT_ID = "00000000-0000-0000-0000-000000000000"
    with pytest.raises(ProviderError) as caught:
        payment_start(reference="test:14", amount=50_000, description="x")
    assert caught.value.provider_code == "-10"


def test_unreachable_gateway_on_start(settings: Any) -> None:
    settings.PAYMENT_PROVIDER = "zarinpal"
    settings.ZARINPAL_MERCHANT_ID = MERCHANT_ID
    settings.ZARINPAL_BASE_URL = "http://127.0.0.1:9"  # discard port: connection refused
    with pytest.raises(ProviderError) as caught:
        payment_start(reference="test:15", amount=50_000, description="x")
    assert caught.value.provider_code == "unreachable"
    assert Payment.objects.get(reference="test:15").status == Status.FAILED


def test_callback_for_an_unknown_authority_is_a_clear_404(
    zarinpal: FakeZarinpal, client: Client
) -> None:
    response = client.get(
        "/payments/callback/zarinpal/?Authority=A000000000000000000000000000000000099&Status=OK"
    )
    assert response.status_code == 404
    assert "پیدا نشد" in response.content.decode()
    assert zarinpal.verify_calls() == []
