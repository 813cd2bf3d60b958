"""A code is sent to a normalised number, stored only hashed, used once, dies on expiry or
when a newer one is sent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from shahrvand.identity.errors import OtpError, TooManyRequests
from shahrvand.identity.models import CitizenAccount, OtpChallenge
from shahrvand.identity.services import otp_request, otp_verify

from .sms import SmsLog

pytestmark = pytest.mark.django_db
PHONE = "09123456789"


def test_persian_digits_and_spaces_are_normalised_and_the_code_is_sent(sms_log: SmsLog) -> None:
    challenge = otp_request(phone_raw="۰۹۱۲ ۳۴۵ ٦٧٨٩", ip="10.0.0.1")
    assert challenge.phone == PHONE
    texts = sms_log.to(PHONE)
    assert len(texts) == 1
    assert "کد ورود" in texts[0]
    code = sms_log.last_code(PHONE)
    stored = OtpChallenge.objects.get(pk=challenge.pk).code_hash
    assert code not in stored  # only a keyed hash is kept
    assert len(stored.partition("$")[2]) == 64


@pytest.mark.parametrize("raw", ["", "0912345678", "02112345678", "abc", "091234567890"])
def test_a_number_that_is_not_an_iranian_mobile_is_refused_in_persian(
    sms_log: SmsLog, raw: str
) -> None:
    with pytest.raises(OtpError) as err:
        otp_request(phone_raw=raw, ip=None)
    assert err.value.code == "invalid_phone"
    assert "شماره همراه معتبر نیست" in err.value.message
    assert OtpChallenge.objects.count() == 0


def test_the_right_code_signs_in_once_and_creates_the_account(sms_log: SmsLog) -> None:
    otp_request(phone_raw=PHONE, ip=None)
    code = sms_log.last_code(PHONE)
    account = otp_verify(phone_raw="+989123456789", code_raw=code, ip=None)
    assert account.phone == PHONE
    assert account.last_login_at is not None
    with pytest.raises(OtpError) as err:
        otp_verify(phone_raw=PHONE, code_raw=code, ip=None)
    assert err.value.code == "code_expired"
    assert CitizenAccount.objects.count() == 1


def test_a_code_typed_in_persian_digits_is_accepted(sms_log: SmsLog) -> None:
    otp_request(phone_raw=PHONE, ip=None)
    code = sms_log.last_code(PHONE)
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert otp_verify(phone_raw=PHONE, code_raw=f" {persian} ", ip=None).phone == PHONE


def test_an_expired_code_is_refused(sms_log: SmsLog) -> None:
    challenge = otp_request(phone_raw=PHONE, ip=None)
    code = sms_log.last_code(PHONE)
    OtpChallenge.objects.filter(pk=challenge.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(OtpError) as err:
        otp_verify(phone_raw=PHONE, code_raw=code, ip=None)
    assert err.value.code == "code_expired"
    assert "منقضی" in err.value.message


def test_the_code_expires_after_the_configured_lifetime(sms_log: SmsLog, settings: Any) -> None:
    settings.SHAHRVAND_OTP_TTL_SECONDS = 150
    challenge = otp_request(phone_raw=PHONE, ip=None)
    assert challenge.expires_at - challenge.created_at == dt.timedelta(seconds=150)


def test_a_newer_code_replaces_the_older_one(sms_log: SmsLog, settings: Any) -> None:
    settings.SHAHRVAND_OTP_RESEND_SECONDS = 0
    otp_request(phone_raw=PHONE, ip=None)
    first = sms_log.last_code(PHONE)
    otp_request(phone_raw=PHONE, ip=None)
    second = sms_log.last_code(PHONE)
    if first != second:  # one chance in a million they coincide
        with pytest.raises(OtpError):
            otp_verify(phone_raw=PHONE, code_raw=first, ip=None)
    assert otp_verify(phone_raw=PHONE, code_raw=second, ip=None).phone == PHONE


def test_asking_again_within_the_resend_wait_is_refused(sms_log: SmsLog) -> None:
    challenge = otp_request(phone_raw=PHONE, ip=None)
    with pytest.raises(TooManyRequests) as err:
        otp_request(phone_raw=PHONE, ip=None)
    assert err.value.code == "resend_too_soon"
    assert "صبر کنید" in err.value.message
    assert len(sms_log.to(PHONE)) == 1
    OtpChallenge.objects.filter(pk=challenge.pk).update(
        created_at=timezone.now() - dt.timedelta(seconds=61)
    )
    otp_request(phone_raw=PHONE, ip=None)
    assert len(sms_log.to(PHONE)) == 2


def test_a_malformed_code_is_explained_and_not_counted_as_a_guess(sms_log: SmsLog) -> None:
    challenge = otp_request(phone_raw=PHONE, ip=None)
    with pytest.raises(OtpError) as err:
        otp_verify(phone_raw=PHONE, code_raw="12a4", ip=None)
    assert err.value.code == "code_format"
    assert "شش رقم" in err.value.message
    assert OtpChallenge.objects.get(pk=challenge.pk).failed_attempts == 0
