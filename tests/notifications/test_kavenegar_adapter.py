"""The Kavenegar adapter against a local server speaking its protocol: the exact request,
Persian text in UTF-8, and the mapping of its answers to sent / retried / failed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone

from shahrvand.notifications import delivery
from shahrvand.notifications.models import Message, MessageAttempt
from shahrvand.notifications.providers import PermanentError, TransientError, sms_provider
from shahrvand.notifications.providers.kavenegar import KavenegarProvider
from tests.reports import factories as reports_factories

from .fake_kavenegar import API_KEY, FakeKavenegar

TEXT = "گزارش ۴۸۲۱-۰۹۳۷-۵۵۲۶ رسیدگی شد: چاله پر شد."


@pytest.fixture
def gateway() -> Iterator[FakeKavenegar]:
    server = FakeKavenegar()
    yield server
    server.close()


@pytest.fixture
def kavenegar(settings: Any, gateway: FakeKavenegar) -> FakeKavenegar:
    settings.SHAHRVAND_SMS_PROVIDER = "kavenegar"
    settings.SHAHRVAND_KAVENEGAR_API_KEY = API_KEY
    settings.SHAHRVAND_KAVENEGAR_SENDER = "10004346"
    settings.SHAHRVAND_KAVENEGAR_URL = gateway.url
    settings.SHAHRVAND_KAVENEGAR_TIMEOUT = 2
    return gateway


def provider(gateway: FakeKavenegar, timeout: float = 2) -> KavenegarProvider:
    return KavenegarProvider(
        api_key=API_KEY, sender="10004346", base_url=gateway.url, timeout=timeout
    )


def test_send_posts_the_documented_request_and_returns_the_message_id(gateway):
    message_id = provider(gateway).send("09121234567", TEXT, reference="42")

    assert message_id == "8792344"
    [request] = gateway.requests
    assert request["path"] == f"/v1/{API_KEY}/sms/send.json"
    assert request["headers"]["Content-Type"].startswith("application/x-www-form-urlencoded")
    assert request["form"] == {
        "receptor": "09121234567",
        "sender": "10004346",
        "message": TEXT,
        "localid": "42",
    }
    # The Persian text travels as percent-encoded UTF-8, not in any other code page.
    assert "%DA%AF%D8%B2%D8%A7%D8%B1%D8%B4" in request["raw"].decode("ascii")


def test_sender_is_omitted_when_not_configured(gateway):
    KavenegarProvider(api_key=API_KEY, base_url=gateway.url).send("09121234567", "سلام")

    assert "sender" not in gateway.requests[0]["form"]


def test_provider_is_chosen_by_settings(kavenegar):
    chosen = sms_provider()

    assert isinstance(chosen, KavenegarProvider)
    assert chosen.base_url == kavenegar.url and chosen.sender == "10004346"


@pytest.mark.parametrize(
    ("code", "message"),
    [
        (411, "دریافت کننده نامعتبر است"),
        (412, "ارسال کننده نامعتبر است"),
        (413, "پیام خالی است و یا طول پیام بیش از حد مجاز می‌باشد"),
        (403, "کد شناسائی API-Key معتبر نمی‌باشد"),
        (422, "داده ها به دلیل وجود کاراکتر نامناسب قابل پردازش نیست"),
    ],
    ids=str,
)
def test_documented_client_errors_are_permanent(gateway, code, message):
    gateway.script = [FakeKavenegar.error(code, message)]

    with pytest.raises(PermanentError) as caught:
        provider(gateway).send("09121234567", TEXT)

    assert caught.value.code == code
    assert str(code) in str(caught.value)


@pytest.mark.parametrize(
    ("code", "message"),
    [(418, "اعتبار حساب شما کافی نیست"), (409, "سرور قادر به پاسخگوئی نیست"), (451, "تکرار")],
    ids=str,
)
def test_busy_or_out_of_credit_is_transient(gateway, code, message):
    gateway.script = [FakeKavenegar.error(code, message)]

    with pytest.raises(TransientError) as caught:
        provider(gateway).send("09121234567", TEXT)

    assert caught.value.code == code


def test_error_in_a_200_answer_is_still_an_error(gateway):
    gateway.script = [FakeKavenegar.error(411, "دریافت کننده نامعتبر است", http_status=200)]

    with pytest.raises(PermanentError):
        provider(gateway).send("0912", TEXT)


def test_server_error_without_kavenegar_body_is_transient(gateway):
    gateway.script = [(502, b"<html>Bad Gateway</html>", 0.0)]

    with pytest.raises(TransientError):
        provider(gateway).send("09121234567", TEXT)


def test_failed_entry_status_is_permanent(gateway):
    gateway.script = [
        (
            200,
            {
                "return": {"status": 200, "message": "تایید شد"},
                "entries": [{"messageid": 5, "status": 14, "statustext": "بلاک شده"}],
            },
            0.0,
        )
    ]

    with pytest.raises(PermanentError):
        provider(gateway).send("09121234567", TEXT)


def test_timeout_is_transient(gateway):
    gateway.script = [(200, {"return": {"status": 200}, "entries": []}, 1.5)]

    with pytest.raises(TransientError, match="timeout"):
        provider(gateway, timeout=0.3).send("09121234567", TEXT)


def test_unreachable_gateway_is_transient():
    unreachable = KavenegarProvider(api_key=API_KEY, base_url="http://127.0.0.1:9/v1", timeout=1)

    with pytest.raises(TransientError):
        unreachable.send("09121234567", TEXT)


# Through delivery: the message log records every outcome.


def _queued_sms(city: Any) -> Message:
    reports_factories.report(city, reporter_phone="09121234567")
    delivery.fan_out()
    return Message.objects.get(template_key="citizen.created")


def _make_due() -> None:
    Message.objects.filter(state="queued").update(next_attempt_at=timezone.now())


@pytest.mark.django_db
def test_transient_errors_are_retried_with_backoff_then_sent(kavenegar, city, pothole):
    message = _queued_sms(city)
    kavenegar.script = [(503, b"busy", 0.0), FakeKavenegar.error(418, "اعتبار کافی نیست")]
    before = timezone.now()

    assert delivery.deliver_due() == 0
    message.refresh_from_db()
    assert (message.state, message.attempts, message.provider) == ("queued", 1, "kavenegar")
    assert message.next_attempt_at >= before + dt.timedelta(seconds=29)
    assert delivery.deliver_due() == 0  # not due yet: nothing sent
    assert len(kavenegar.requests) == 1

    _make_due()
    assert delivery.deliver_due() == 0
    message.refresh_from_db()
    assert message.attempts == 2 and "418" in message.last_error
    assert message.next_attempt_at >= timezone.now() + dt.timedelta(seconds=110)

    _make_due()
    assert delivery.deliver_due() == 1
    message.refresh_from_db()
    assert message.state == "sent" and message.provider_message_id == "8792344"
    assert message.last_error == "" and message.sent_at is not None
    assert list(MessageAttempt.objects.values_list("number", "ok", "permanent")) == [
        (1, False, False),
        (2, False, False),
        (3, True, False),
    ]
    # Every try carried our message id, so Kavenegar can drop a repeat.
    assert {r["form"]["localid"] for r in kavenegar.requests} == {str(message.pk)}


@pytest.mark.django_db
def test_permanent_error_fails_at_once_and_admin_resend_retries(kavenegar, city, pothole):
    message = _queued_sms(city)
    kavenegar.script = [FakeKavenegar.error(412, "ارسال کننده نامعتبر است")]

    assert delivery.deliver_due() == 0
    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == 1
    assert "412" in message.last_error
    _make_due()
    assert delivery.deliver_due() == 0 and len(kavenegar.requests) == 1

    delivery.resend(message)
    assert delivery.deliver_due() == 1
    message.refresh_from_db()
    assert message.state == "sent"
    assert MessageAttempt.objects.filter(message=message).count() == 2


@pytest.mark.django_db
def test_gives_up_after_max_attempts(kavenegar, city, pothole):
    message = _queued_sms(city)
    kavenegar.script = [(500, b"", 0.0)] * delivery.MAX_ATTEMPTS

    for _ in range(delivery.MAX_ATTEMPTS):
        _make_due()
        delivery.deliver_due()

    message.refresh_from_db()
    assert message.state == "failed" and message.attempts == delivery.MAX_ATTEMPTS


@pytest.mark.django_db
def test_timeout_during_delivery_is_logged_and_retried(kavenegar, settings, city, pothole):
    settings.SHAHRVAND_KAVENEGAR_TIMEOUT = 0.3
    message = _queued_sms(city)
    kavenegar.script = [(200, {"return": {"status": 200}, "entries": []}, 1.0)]

    assert delivery.deliver_due() == 0

    message.refresh_from_db()
    assert message.state == "queued" and "timeout" in message.last_error
