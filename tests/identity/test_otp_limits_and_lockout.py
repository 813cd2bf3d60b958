"""Abuse limits: codes per number and per address, wrong codes per code and address, per
code, and a lock of the number only after many wrong codes from everyone (decision 0033)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from shahrvand.identity.errors import OtpError, PhoneLocked, TooManyRequests
from shahrvand.identity.models import OtpChallenge, PhoneLock
from shahrvand.identity.services import otp_request, otp_verify
from shahrvand.security.pii import blind_index

from .sms import SmsLog

pytestmark = pytest.mark.django_db
PHONE = "09121112233"


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_codes_per_number_are_limited(sms_log: SmsLog, settings: Any) -> None:
    settings.SHAHRVAND_OTP_RESEND_SECONDS = 0
    settings.SHAHRVAND_OTP_RATES = {"phone": "2/h"}
    otp_request(phone_raw=PHONE, ip="10.0.0.1")
    otp_request(phone_raw=PHONE, ip="10.0.0.2")
    with pytest.raises(TooManyRequests) as err:
        otp_request(phone_raw=PHONE, ip="10.0.0.3")
    assert err.value.http_status == 429
    assert "دوباره تلاش کنید" in err.value.message
    assert len(sms_log.to(PHONE)) == 2
    otp_request(phone_raw="09120000001", ip="10.0.0.3")  # another number is not affected


def test_codes_per_address_are_limited(sms_log: SmsLog, settings: Any) -> None:
    settings.SHAHRVAND_OTP_RATES = {"ip": "3/h"}
    for i in range(3):
        otp_request(phone_raw=f"0912000000{i}", ip="10.9.9.9")
    with pytest.raises(TooManyRequests):
        otp_request(phone_raw="09120000009", ip="10.9.9.9")
    assert sms_log.to("09120000009") == []
    otp_request(phone_raw="09120000009", ip="10.9.9.8")


def test_guesses_per_address_are_limited(sms_log: SmsLog, settings: Any) -> None:
    settings.SHAHRVAND_OTP_RATES = {"verify_ip": "2/m"}
    otp_request(phone_raw=PHONE, ip=None)
    code = sms_log.last_code(PHONE)
    for _ in range(2):
        with pytest.raises(OtpError):
            otp_verify(phone_raw=PHONE, code_raw=_wrong(code), ip="10.1.1.1")
    with pytest.raises(TooManyRequests):
        otp_verify(phone_raw=PHONE, code_raw=code, ip="10.1.1.1")


def test_five_wrong_codes_from_one_address_spend_the_code_there_only(sms_log: SmsLog) -> None:
    challenge = otp_request(phone_raw=PHONE, ip="10.0.0.1")
    code = sms_log.last_code(PHONE)
    for left in (4, 3, 2, 1):
        with pytest.raises(OtpError) as err:
            otp_verify(phone_raw=PHONE, code_raw=_wrong(code), ip="10.0.0.66")
        assert err.value.code == "code_wrong"
        assert f"{'۰۱۲۳۴۵۶۷۸۹'[left]} بار دیگر" in err.value.message
    with pytest.raises(OtpError) as err:
        otp_verify(phone_raw=PHONE, code_raw=_wrong(code), ip="10.0.0.66")
    assert err.value.code == "code_spent" and "کد تازه" in err.value.message
    # the failures were committed even though each call raised
    assert OtpChallenge.objects.get(pk=challenge.pk).failed_attempts == 5
    # that address cannot try this code any more, not even the right one...
    with pytest.raises((OtpError, TooManyRequests)):
        otp_verify(phone_raw=PHONE, code_raw=code, ip="10.0.0.66")
    # ...but the number is not locked: its owner elsewhere signs in with it
    assert not PhoneLock.objects.filter(phone_index=blind_index(PHONE), locked_until__isnull=False)
    assert otp_verify(phone_raw=PHONE, code_raw=code, ip="10.0.0.1")


def test_a_code_dies_after_ten_wrong_tries_from_everyone(sms_log: SmsLog) -> None:
    challenge = otp_request(phone_raw=PHONE, ip=None)
    code = sms_log.last_code(PHONE)
    for n in range(10):
        with pytest.raises(OtpError):
            otp_verify(phone_raw=PHONE, code_raw=_wrong(code), ip=f"10.0.{n // 5}.{n}")
    assert OtpChallenge.objects.get(pk=challenge.pk).superseded
    with pytest.raises(OtpError) as err:
        otp_verify(phone_raw=PHONE, code_raw=code, ip="10.0.9.9")
    assert err.value.code == "code_expired"


def test_the_number_locks_only_after_many_wrong_codes_from_everyone(
    sms_log: SmsLog, settings: Any
) -> None:
    settings.SHAHRVAND_OTP_NUMBER_MAX_FAILURES = 7
    otp_request(phone_raw=PHONE, ip=None)
    code = sms_log.last_code(PHONE)
    for n in range(6):
        with pytest.raises(OtpError) as err:
            otp_verify(phone_raw=PHONE, code_raw=_wrong(code), ip=f"10.1.{n}.1")
        assert not isinstance(err.value, PhoneLocked)
    with pytest.raises(PhoneLocked) as locked:
        otp_verify(phone_raw=PHONE, code_raw=_wrong(code), ip="10.1.9.1")
    assert "۱۵ دقیقه" in locked.value.message
    lock = PhoneLock.objects.get(phone_index=blind_index(PHONE))
    assert lock.locked_until is not None
    assert dt.timedelta(minutes=14) < lock.locked_until - timezone.now() <= dt.timedelta(minutes=15)
    # locked: even the right code and a new code are refused
    with pytest.raises(PhoneLocked):
        otp_verify(phone_raw=PHONE, code_raw=code, ip="10.1.10.1")
    with pytest.raises(PhoneLocked):
        otp_request(phone_raw=PHONE, ip=None)
    assert len(sms_log.to(PHONE)) == 1
    # after the lock lapses a new code works and clears the count
    past = timezone.now() - dt.timedelta(seconds=1)
    PhoneLock.objects.filter(phone_index=blind_index(PHONE)).update(locked_until=past)
    OtpChallenge.objects.update(created_at=past - dt.timedelta(minutes=15))
    otp_request(phone_raw=PHONE, ip=None)
    assert otp_verify(phone_raw=PHONE, code_raw=sms_log.last_code(PHONE), ip="10.1.11.1")
    assert not PhoneLock.objects.filter(phone_index=blind_index(PHONE)).exists()


def test_a_success_resets_earlier_wrong_codes(sms_log: SmsLog, settings: Any) -> None:
    settings.SHAHRVAND_OTP_RESEND_SECONDS = 0
    otp_request(phone_raw=PHONE, ip=None)
    for _ in range(4):
        with pytest.raises(OtpError):
            otp_verify(phone_raw=PHONE, code_raw=_wrong(sms_log.last_code(PHONE)), ip=None)
    otp_verify(phone_raw=PHONE, code_raw=sms_log.last_code(PHONE), ip=None)
    otp_request(phone_raw=PHONE, ip=None)
    with pytest.raises(OtpError) as err:
        otp_verify(phone_raw=PHONE, code_raw=_wrong(sms_log.last_code(PHONE)), ip=None)
    assert err.value.code == "code_wrong"  # not locked: the count restarted
