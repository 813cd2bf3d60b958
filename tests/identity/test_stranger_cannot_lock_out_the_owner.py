"""A stranger who knows a citizen's number cannot keep them from signing in (decision 0033):
wrong codes are limited per code and address and delayed progressively per number and
address, while the owner, from their own address, still gets a code and signs in."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from shahrvand.common import backoff
from shahrvand.identity.session import ACCOUNT

from .sms import SmsLog

pytestmark = pytest.mark.django_db
OWNER = "09121112233"
STRANGER_IP = {"REMOTE_ADDR": "198.51.100.66"}
OWNER_IP = {"REMOTE_ADDR": "203.0.113.7"}


class Clock:
    """backoff's idea of now, moved by hand (the cache's own expiry keeps real time)."""

    def __init__(self) -> None:
        import time

        self.now = time.time()

    def time(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(backoff, "time", fake)
    return fake


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def _guess(client: Client, code: str, who: dict[str, str]) -> Any:
    return client.post(reverse("identity:code"), {"code": code}, **who)


def test_a_strangers_wrong_codes_do_not_stop_the_owner(
    sms_log: SmsLog, settings: Any, clock: Clock
) -> None:
    settings.SHAHRVAND_OTP_RESEND_SECONDS = 0
    stranger, owner = Client(), Client()
    # The stranger asks codes for the owner's number (they go to the owner's phone) and
    # guesses as fast as they are allowed, codes after codes.
    for _ in range(3):
        assert stranger.post("/account/login/", {"phone": OWNER}, **STRANGER_IP).status_code == 302
        code = sms_log.last_code(OWNER)
        for _ in range(12):
            _guess(stranger, _wrong(code), STRANGER_IP)
            clock.now += 1000  # even waiting out every delay
    # the per-number-and-address limit on sending codes stops a fourth request
    refused = stranger.post("/account/login/", {"phone": OWNER}, **STRANGER_IP)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    # The owner, from their own address, asks for a code and signs in.
    assert owner.post("/account/login/", {"phone": OWNER}, **OWNER_IP).status_code == 302
    signed_in = _guess(owner, sms_log.last_code(OWNER), OWNER_IP)
    assert signed_in.status_code == 302, signed_in.content.decode()[:400]
    assert ACCOUNT in owner.session


def test_the_stranger_cannot_spend_the_owners_code(sms_log: SmsLog, clock: Clock) -> None:
    owner, stranger = Client(), Client()
    owner.post("/account/login/", {"phone": OWNER}, **OWNER_IP)
    code = sms_log.last_code(OWNER)
    stranger.post("/account/login/", {"phone": OWNER}, **STRANGER_IP)  # too soon: no new code
    assert sms_log.last_code(OWNER) == code
    for _ in range(8):
        _guess(stranger, _wrong(code), STRANGER_IP)
        clock.now += 1000
    assert _guess(owner, code, OWNER_IP).status_code == 302
    assert ACCOUNT in owner.session


def test_repeated_failures_from_one_address_are_delayed_progressively(
    sms_log: SmsLog, settings: Any, clock: Clock
) -> None:
    settings.SHAHRVAND_OTP_RESEND_SECONDS = 0
    settings.SHAHRVAND_OTP_RATES = {"phone_ip": "100/h"}
    client = Client()
    client.post("/account/login/", {"phone": OWNER}, **STRANGER_IP)
    code = sms_log.last_code(OWNER)
    for _ in range(5):  # free
        assert _guess(client, _wrong(code), STRANGER_IP).status_code == 400
    delays = []
    for _ in range(4):
        client.post("/account/login/", {"phone": OWNER}, **STRANGER_IP)  # a fresh code
        code = sms_log.last_code(OWNER)
        refused = _guess(client, _wrong(code), STRANGER_IP)
        assert refused.status_code == 429
        assert "دوباره تلاش کنید" in refused.content.decode()
        delays.append(int(refused["Retry-After"]))
        clock.now += delays[-1]
        assert _guess(client, _wrong(code), STRANGER_IP).status_code == 400  # counted
    assert delays == [2, 4, 8, 16]
