"""The code goes out through the configured gateway: here Kavenegar, faked locally."""

from __future__ import annotations

import re

import pytest

from shahrvand.common.persian import normalize_digits
from shahrvand.identity.errors import OtpError, SmsFailed
from shahrvand.identity.models import OtpChallenge
from shahrvand.identity.services import otp_request, otp_verify
from tests.notifications.fake_kavenegar import API_KEY, FakeKavenegar

pytestmark = pytest.mark.django_db
PHONE = "09351234567"


def test_the_code_is_sent_by_kavenegar_and_signs_in(kavenegar: FakeKavenegar) -> None:
    challenge = otp_request(phone_raw=PHONE, ip="10.0.0.1")
    assert len(kavenegar.requests) == 1
    sent = kavenegar.requests[0]
    assert sent["path"] == f"/v1/{API_KEY}/sms/send.json"
    assert sent["form"]["receptor"] == PHONE
    assert sent["form"]["localid"] == f"otp-{challenge.pk}"
    assert OtpChallenge.objects.get(pk=challenge.pk).sms_id == "8792344"
    match = re.search(r"[۰-۹]{6}", sent["form"]["message"])
    assert match
    assert otp_verify(phone_raw=PHONE, code_raw=normalize_digits(match.group(0)), ip=None)


def test_a_gateway_refusal_is_a_persian_error_and_leaves_no_usable_code(
    kavenegar: FakeKavenegar,
) -> None:
    kavenegar.script.append(FakeKavenegar.error(418, "اعتبار حساب شما کافی نیست"))
    with pytest.raises(SmsFailed) as err:
        otp_request(phone_raw=PHONE, ip=None)
    assert "ارسال پیامک کد ورود ممکن نشد" in err.value.message
    assert OtpChallenge.objects.get().superseded is True
    with pytest.raises(OtpError) as verify:
        otp_verify(phone_raw=PHONE, code_raw="123456", ip=None)
    assert verify.value.code == "code_expired"
