"""One client address for every per-address limit and scope: X-Forwarded-For counts only
from our own proxies (TRUSTED_PROXIES), walked right to left; a header from anyone else, or
a malformed one, is never believed."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from shahrvand.api.idempotency import caller_scope
from shahrvand.common.clientip import client_ip
from tests.identity.sms import SmsLog

NGINX = "10.0.0.2"


def _ip(rf: RequestFactory, remote: str, forwarded: str | None = None) -> str:
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded is not None else {}
    return client_ip(rf.get("/", REMOTE_ADDR=remote, **extra))


@pytest.fixture
def sms_log(settings: Any, tmp_path: Any) -> SmsLog:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "outbox-sms.log"
    return SmsLog(settings.SHAHRVAND_SMS_LOG)


@pytest.fixture
def behind_nginx(settings: Any) -> Any:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    return settings


def test_without_trusted_proxies_the_header_is_ignored(rf: RequestFactory, settings: Any) -> None:
    settings.TRUSTED_PROXIES = []
    assert _ip(rf, "203.0.113.7", "6.6.6.6") == "203.0.113.7"
    assert _ip(rf, NGINX, "6.6.6.6, 5.5.5.5") == NGINX


def test_a_header_from_an_untrusted_address_is_ignored(rf: RequestFactory, behind_nginx) -> None:
    # A client talking to gunicorn directly (not through nginx) cannot pick its bucket.
    assert _ip(rf, "203.0.113.7", "198.51.100.1") == "203.0.113.7"


def test_trusted_proxy_gives_the_client_it_saw(rf: RequestFactory, behind_nginx) -> None:
    assert _ip(rf, NGINX, "198.51.100.1") == "198.51.100.1"
    # What the client wrote itself is left of what nginx appended: ignored.
    assert _ip(rf, NGINX, "6.6.6.6, 5.5.5.5, 198.51.100.1") == "198.51.100.1"
    assert _ip(rf, NGINX) == NGINX  # no header: the proxy itself (e.g. its health checks)


def test_several_trusted_proxies_are_skipped(rf: RequestFactory, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.0.2.10", "2001:db8::/32"]
    # CDN edge 192.0.2.10 → ingress 10.0.0.7 → nginx 10.0.0.2 → us
    chain = "6.6.6.6, 198.51.100.1, 192.0.2.10, 10.0.0.7"
    assert _ip(rf, NGINX, chain) == "198.51.100.1"
    assert _ip(rf, "2001:db8::5", "2001:db8::9, 2a00:1450::1") == "2a00:1450::1"
    # every hop ours: the leftmost one is the best we know
    assert _ip(rf, NGINX, "10.0.0.9, 10.0.0.7") == "10.0.0.9"


@pytest.mark.parametrize(
    ("forwarded", "expected"),
    [
        ("not-an-ip", NGINX),
        ("198.51.100.1, ", NGINX),  # an empty last hop: nothing trustworthy
        ("198.51.100.1:4711", NGINX),  # ports are not addresses
        ("198.51.100.1, 300.1.1.1", NGINX),
        ("6.6.6.6, garbage, 198.51.100.1", "198.51.100.1"),  # left of the client: unread
        ("198.51.100.1\x00", NGINX),
        ("[2a00:1450::1]", "2a00:1450::1"),
        ("::ffff:198.51.100.1", "198.51.100.1"),  # IPv4-mapped: the same bucket as IPv4
        ("1" * 5000, NGINX),
    ],
)
def test_malformed_hops_are_not_believed(
    rf: RequestFactory, behind_nginx, forwarded: str, expected: str
) -> None:
    assert _ip(rf, NGINX, forwarded) == expected


def test_a_hop_count_is_not_a_proxy_list(rf: RequestFactory, settings: Any) -> None:
    settings.TRUSTED_PROXIES = ["1"]
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
        _ip(rf, NGINX, "198.51.100.1")


def test_anonymous_idempotency_scope_is_the_client(rf: RequestFactory, behind_nginx) -> None:
    from django.contrib.auth.models import AnonymousUser

    one = rf.post("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.1")
    two = rf.post("/", REMOTE_ADDR=NGINX, HTTP_X_FORWARDED_FOR="198.51.100.2")
    for request in (one, two):
        request.user = AnonymousUser()
    assert caller_scope(one) == "ip:198.51.100.1"
    assert caller_scope(two) == "ip:198.51.100.2"


@pytest.mark.django_db
def test_code_requests_behind_the_proxy_are_counted_per_citizen(
    client: Any, behind_nginx, sms_log: SmsLog
) -> None:
    """Twenty code requests from one address used to lock sign-in for the whole city: every
    citizen arrived as nginx's address."""
    behind_nginx.SHAHRVAND_OTP_RATES = {"ip": "2/h", "phone": "100/h"}
    behind_nginx.SHAHRVAND_OTP_RESEND_SECONDS = 0
    noisy = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.66"}
    for n in range(2):
        response = client.post("/account/login/", {"phone": f"0912000000{n}"}, **noisy)
        assert response.status_code == 302
    assert client.post("/account/login/", {"phone": "09120000005"}, **noisy).status_code == 429
    other = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    assert client.post("/account/login/", {"phone": "09121234567"}, **other).status_code == 302


@pytest.mark.django_db
def test_public_page_limits_follow_the_forwarded_client(client: Any, behind_nginx) -> None:
    behind_nginx.SHAHRVAND_CITIZEN_READ_RATE = "2/m"
    one = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.1"}
    for _ in range(2):
        assert client.get("/track/", **one).status_code == 200
    assert client.get("/track/", **one).status_code == 429
    # Another citizen behind the same proxy has a bucket of their own...
    two = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "198.51.100.2"}
    assert client.get("/track/", **two).status_code == 200
    # ...and the limited one cannot escape by writing another address left of nginx's.
    spoof = {"REMOTE_ADDR": NGINX, "HTTP_X_FORWARDED_FOR": "9.9.9.9, 198.51.100.1"}
    assert client.get("/track/", **spoof).status_code == 429
