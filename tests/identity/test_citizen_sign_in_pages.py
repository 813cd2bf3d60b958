"""The sign-in pages: number → code → signed in, next-page handling, expiry, sign-out."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

from shahrvand.identity.session import ACCOUNT, AUTH_AT, SEEN_AT

from .sms import SmsLog, sign_in

pytestmark = pytest.mark.django_db
PHONE = "09127654321"
MY_CASES = "/my/cases/"


def test_a_protected_page_sends_a_visitor_to_sign_in_and_back(
    client: Client, sms_log: SmsLog
) -> None:
    response = client.get(MY_CASES)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('identity:login')}?next=%2Fmy%2Fcases%2F"
    page = client.get(response["Location"])
    assert "شماره تلفن همراه" in page.content.decode()
    response = sign_in(client, sms_log, "۰۹۱۲۷۶۵۴۳۲۱", next_url=MY_CASES)
    assert response.status_code == 302
    assert response["Location"] == MY_CASES
    page = client.get(MY_CASES)
    assert page.status_code == 200
    assert "۰۹۱۲۷۶۵۴۳۲۱" in page.content.decode()  # the verified number, Persian digits


def test_a_wrong_code_shows_a_persian_error_and_does_not_sign_in(
    client: Client, sms_log: SmsLog
) -> None:
    client.post(reverse("identity:login"), {"phone": PHONE})
    code = sms_log.last_code(PHONE)
    wrong = f"{(int(code) + 7) % 10**6:06d}"
    response = client.post(reverse("identity:code"), {"code": wrong})
    assert response.status_code == 400
    assert "کد ورود نادرست است" in response.content.decode()
    assert ACCOUNT not in client.session
    assert client.get(MY_CASES).status_code == 302


def test_a_bad_number_is_explained_on_the_form(client: Client, sms_log: SmsLog) -> None:
    response = client.post(reverse("identity:login"), {"phone": "۰۲۱۸۸۸۸۸۸۸۸"})
    assert response.status_code == 400
    assert "شماره همراه معتبر نیست" in response.content.decode()


def test_too_many_codes_is_a_429_with_a_persian_message(
    client: Client, sms_log: SmsLog, settings: Any
) -> None:
    settings.SHAHRVAND_OTP_RESEND_SECONDS = 0
    settings.SHAHRVAND_OTP_RATES = {"ip": "1/h"}
    assert client.post(reverse("identity:login"), {"phone": PHONE}).status_code == 302
    response = client.post(reverse("identity:login"), {"phone": "09120000000"})
    assert response.status_code == 429
    assert "درخواست‌های زیادی" in response.content.decode()


def test_next_may_not_leave_the_site(client: Client, sms_log: SmsLog) -> None:
    response = sign_in(client, sms_log, PHONE, next_url="https://evil.example/x")
    assert response["Location"] == MY_CASES


def test_an_idle_session_expires(client: Client, sms_log: SmsLog, settings: Any) -> None:
    sign_in(client, sms_log, PHONE)
    assert client.get(MY_CASES).status_code == 200
    session = client.session
    session[SEEN_AT] = time.time() - 31 * 60
    session.save()
    assert client.get(MY_CASES).status_code == 302
    assert ACCOUNT not in client.session


def test_a_session_expires_after_the_absolute_limit_even_when_active(
    client: Client, sms_log: SmsLog
) -> None:
    sign_in(client, sms_log, PHONE)
    session = client.session
    session[AUTH_AT] = time.time() - 13 * 3600
    session.save()
    assert client.get(MY_CASES).status_code == 302


def test_sign_in_changes_the_session_key(client: Client, sms_log: SmsLog) -> None:
    client.get(reverse("identity:login"))
    client.post(reverse("identity:login"), {"phone": PHONE})
    before = client.session.session_key
    client.post(reverse("identity:code"), {"code": sms_log.last_code(PHONE)})
    assert client.session.session_key != before


def test_citizen_sign_out_leaves_a_staff_login_alone(client: Client, sms_log: SmsLog) -> None:
    staff = User.objects.create_user("clerk", password="x")
    client.force_login(staff)
    sign_in(client, sms_log, PHONE)
    assert client.session["_auth_user_id"] == str(staff.pk)  # both at once, apart
    response = client.post(reverse("identity:logout"))
    assert response.status_code == 302
    assert ACCOUNT not in client.session
    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get(MY_CASES).status_code == 302


def test_a_staff_login_alone_is_not_a_citizen(client: Client) -> None:
    client.force_login(User.objects.create_user("clerk2", password="x"))
    assert client.get(MY_CASES).status_code == 302


def test_the_code_page_without_a_pending_number_goes_back(client: Client) -> None:
    response = client.get(reverse("identity:code"))
    assert response["Location"] == reverse("identity:login")
