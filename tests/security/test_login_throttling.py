"""Password guessing on the staff and admin login (decision 0033): after a few failures per
account and address, per account, or per address, the next attempt waits 2, 4, 8 ...
seconds — HTTP 429, Retry-After and a Persian message — counted in the shared cache, and
refused before the password is checked."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from shahrvand.common import backoff
from shahrvand.tenancy.models import Role, StaffProfile

PASSWORD = "a-long-staff-passphrase-42"
HERE = {"REMOTE_ADDR": "198.51.100.66"}
ELSEWHERE = {"REMOTE_ADDR": "203.0.113.7"}


class Clock:
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


@pytest.fixture
def staff(city: Any) -> Any:
    user = User.objects.create_user(username="dispatcher-1", password=PASSWORD)
    StaffProfile.objects.create(user=user, role=Role.DISPATCHER, municipality=city)
    return user


def _login(client: Client, url: str, username: str, password: str, who: dict[str, str]) -> Any:
    return client.post(url, {"username": username, "password": password}, **who)


@pytest.mark.parametrize("url", ["/staff/login/", "/admin/login/"])
def test_failures_from_one_address_are_delayed_progressively(
    client: Client, staff: Any, clock: Clock, url: str
) -> None:
    for _ in range(5):
        assert _login(client, url, staff.username, "wrong", HERE).status_code == 200
    delays = []
    for _ in range(4):
        refused = _login(client, url, staff.username, PASSWORD, HERE)  # even the right one
        assert refused.status_code == 429
        assert "ثانیهٔ دیگر دوباره تلاش کنید" in refused.content.decode()
        delays.append(int(refused["Retry-After"]))
        clock.now += delays[-1]
        assert _login(client, url, staff.username, "wrong", HERE).status_code == 200
    assert delays == [2, 4, 8, 16]
    # the owner, from elsewhere, is not held up by a stranger's guesses
    assert _login(Client(), "/staff/login/", staff.username, PASSWORD, ELSEWHERE).status_code == 302


def test_staff_and_admin_login_share_the_counters(client: Client, staff: Any) -> None:
    for url in ("/staff/login/", "/admin/login/") * 2 + ("/staff/login/",):
        _login(client, url, staff.username, "wrong", HERE)
    assert _login(client, "/admin/login/", staff.username.upper(), "x", HERE).status_code == 429


def test_an_account_is_slowed_when_guessed_from_many_addresses(
    client: Client, staff: Any, settings: Any, clock: Clock
) -> None:
    settings.SHAHRVAND_LOGIN_FREE_FAILURES = {"account_ip": 5, "account": 6, "ip": 30}
    for n in range(6):
        _login(client, "/staff/login/", staff.username, "wrong", {"REMOTE_ADDR": f"10.9.0.{n}"})
    refused = _login(client, "/staff/login/", staff.username, PASSWORD, ELSEWHERE)
    assert refused.status_code == 429 and refused["Retry-After"] == "2"
    clock.now += 2
    assert _login(client, "/staff/login/", staff.username, PASSWORD, ELSEWHERE).status_code == 302


def test_one_address_spraying_many_accounts_is_slowed(
    client: Client, db: None, settings: Any
) -> None:
    settings.SHAHRVAND_LOGIN_FREE_FAILURES = {"account_ip": 5, "account": 20, "ip": 4}
    for n in range(4):
        _login(client, "/admin/login/", f"user{n}", "Password1", HERE)
    assert _login(client, "/admin/login/", "someone-else", "Password1", HERE).status_code == 429
    assert _login(client, "/admin/login/", "someone-else", "x", ELSEWHERE).status_code == 200


def test_a_success_forgets_the_accounts_failures(client: Client, staff: Any) -> None:
    for _ in range(4):
        _login(client, "/staff/login/", staff.username, "wrong", HERE)
    assert _login(client, "/staff/login/", staff.username, PASSWORD, HERE).status_code == 302
    client.logout()
    for _ in range(4):
        assert _login(client, "/staff/login/", staff.username, "wrong", HERE).status_code == 200


def test_admin_login_has_a_per_address_rate_too(client: Client, db: None, settings: Any) -> None:
    settings.SHAHRVAND_LOGIN_RATE = "2/m"
    for n in range(2):
        assert _login(client, "/admin/login/", f"u{n}", "x", HERE).status_code == 200
    refused = _login(client, "/admin/login/", "u9", "x", HERE)
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1


def test_counters_follow_the_forwarded_client(client: Client, staff: Any, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    stranger = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    owner = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.7"}
    for _ in range(5):
        _login(client, "/staff/login/", staff.username, "wrong", stranger)
    assert _login(client, "/staff/login/", staff.username, PASSWORD, stranger).status_code == 429
    assert _login(Client(), "/staff/login/", staff.username, PASSWORD, owner).status_code == 302
