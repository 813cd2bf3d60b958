"""Staff TOTP: every staff role (by default), superusers and admin-site users cannot reach
anything but the public and second-factor pages before enrolling and verifying; roles left
out by SHAHRVAND_SECOND_FACTOR_ROLES may enrol and then must verify; wrong codes lock out
briefly. Logins here go through the real login form (not force_login)."""

from __future__ import annotations

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from shahrvand.tenancy.models import Role
from tests.tenancy import factories as tenancy_factories

PASSWORD = "a-long-staff-passphrase-42"


def _code(secret_b32: str) -> str:
    """The current 6-digit code an authenticator app shows for this base32 secret."""
    return f"{totp(b32decode(secret_b32)):06d}"


def _login(client, user) -> None:
    user.set_password(PASSWORD)
    user.save()
    response = client.post("/staff/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302


@pytest.fixture
def admin(city):
    return tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN)


def test_admin_must_enrol_before_any_staff_page(client, admin):
    _login(client, admin)
    for path in ("/staff/", "/staff/holidays/", "/staff/routing/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/staff/2fa/?next=")
    # Without a device the verification page sends to enrolment.
    assert client.get("/staff/2fa/")["Location"].startswith("/staff/2fa/setup/")
    # The private API refuses the session too, with a JSON error.
    api = client.get("/api/v1/staff/reports")
    assert api.status_code == 403 and api.json()["code"] == "second_factor_required"


def test_enrolment_with_the_shown_secret_then_pages_open(client, admin):
    _login(client, admin)
    page = client.get("/staff/2fa/setup/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'src="data:image/svg+xml' in body  # the QR code, an image (CSP allows data:)
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', body).group(1)

    bad = "000000" if _code(secret) != "000000" else "111111"
    wrong = client.post("/staff/2fa/setup/", {"token": bad})
    assert wrong.status_code == 400 and "کد درست نیست" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=admin, confirmed=True).exists()
    # django-otp also throttles a device for a second after a failure: let that pass.
    TOTPDevice.objects.filter(user=admin).update(throttling_failure_timestamp=None)

    done = client.post("/staff/2fa/setup/", {"token": _code(secret), "next": "/staff/holidays/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>([0-9a-f]{10})</code>", done.content.decode())
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=admin).confirmed
    assert client.get("/staff/holidays/").status_code == 200


def _enrolled(user) -> str:
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    from shahrvand.security.twofactor import issue_recovery_codes

    issue_recovery_codes(user)
    from base64 import b32encode

    return b32encode(device.bin_key).decode()


def test_enrolled_admin_verifies_after_password(client, admin):
    secret = _enrolled(admin)
    _login(client, admin)
    assert client.get("/staff/")["Location"].startswith("/staff/2fa/")
    response = client.post("/staff/2fa/", {"token": _code(secret), "next": "/staff/routing/"})
    assert response.status_code == 302 and response["Location"] == "/staff/routing/"
    assert client.get("/staff/routing/").status_code == 200


def test_recovery_code_works_once(client, admin):
    _enrolled(admin)
    code = StaticToken.objects.filter(device__user=admin).first().token
    _login(client, admin)
    assert client.post("/staff/2fa/", {"token": code})["Location"] == "/staff/"
    client.post("/staff/logout/")
    _login(client, admin)
    again = client.post("/staff/2fa/", {"token": code})
    assert again.status_code == 400


def test_next_cannot_leave_the_site(client, admin):
    secret = _enrolled(admin)
    _login(client, admin)
    response = client.post("/staff/2fa/", {"token": _code(secret), "next": "https://evil.example/"})
    assert response["Location"] == "/staff/"


def test_wrong_codes_lock_out_after_five_a_minute(client, admin):
    secret = _enrolled(admin)
    _login(client, admin)
    bad = "000000" if _code(secret) != "000000" else "111111"
    for _ in range(5):
        assert client.post("/staff/2fa/", {"token": bad}).status_code == 400
    locked = client.post("/staff/2fa/", {"token": _code(secret)})
    assert locked.status_code == 400 and "یک دقیقه" in locked.content.decode()
    assert client.get("/staff/")["Location"].startswith("/staff/2fa/")


def test_superuser_needs_it_for_django_admin(client, db):
    boss = tenancy_factories.user(is_superuser=True, is_staff=True)
    boss.set_password(PASSWORD)
    boss.save()
    assert client.login(username=boss.username, password=PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/2fa/")


def test_outside_the_configured_roles_optional_but_binding_once_enrolled(client, city, settings):
    settings.SHAHRVAND_SECOND_FACTOR_ROLES = frozenset({"municipality_admin"})
    dispatcher = tenancy_factories.staff(city, Role.DISPATCHER)
    _login(client, dispatcher)
    assert client.get("/staff/").status_code == 200  # optional: not enrolled, no second step
    client.post("/staff/logout/")
    _enrolled(dispatcher)
    _login(client, dispatcher)
    assert client.get("/staff/")["Location"].startswith("/staff/2fa/")


def test_reset_command_removes_the_lost_factor_and_forces_enrolment(client, city, admin, caplog):
    from io import StringIO

    from django.core.management import CommandError, call_command
    from django_otp.plugins.otp_static.models import StaticDevice

    secret = _enrolled(admin)
    _login(client, admin)
    client.post("/staff/2fa/", {"token": _code(secret)})
    assert client.get("/staff/holidays/").status_code == 200  # a verified session
    other = tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN)
    _enrolled(other)

    out = StringIO()
    with caplog.at_level("WARNING", logger="shahrvand.security"):
        call_command("reset_second_factor", admin.username, reason="ticket 4711", stdout=out)
    assert "removed 2 second-factor device(s)" in out.getvalue()  # authenticator + codes
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert not StaticDevice.objects.filter(user=admin).exists()
    assert not StaticToken.objects.filter(device__user=admin).exists()
    assert TOTPDevice.objects.filter(user=other).exists()  # nobody else's
    assert any(getattr(r, "reason", "") == "ticket 4711" for r in caplog.records)
    # the session verified with the removed device no longer counts: enrol again
    assert client.get("/staff/holidays/")["Location"].startswith("/staff/2fa/")
    assert client.get("/staff/2fa/")["Location"].startswith("/staff/2fa/setup/")

    with pytest.raises(CommandError, match="No user named"):
        call_command("reset_second_factor", "nobody", reason="x")
    with pytest.raises(CommandError, match="--reason"):
        call_command("reset_second_factor", admin.username, reason="  ")
