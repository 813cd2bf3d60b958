"""Every public endpoint has a rate limit per client address; spoofed X-Forwarded-For does
not reset it unless we are configured to sit behind a proxy."""

from __future__ import annotations

import pytest

from shahrvand.common.clientip import client_ip
from tests.reports import factories as reports_factories


@pytest.fixture
def tight(settings):
    settings.SHAHRVAND_CITIZEN_POST_RATE = "2/m"
    settings.SHAHRVAND_CITIZEN_READ_RATE = "3/m"
    settings.SHAHRVAND_OPEN311_READ_RATE = "3/m"
    settings.SHAHRVAND_LOGIN_RATE = "2/m"
    return settings


def test_citizen_pages_limited_per_address(client, city, tight):
    for _ in range(3):
        assert client.get("/track/").status_code == 200
    refused = client.get("/track/")
    assert refused.status_code == 429
    assert "بیش از حد" in refused.content.decode() and int(refused["Retry-After"]) >= 1
    # Another address is not affected.
    assert client.get("/track/", REMOTE_ADDR="10.0.0.9").status_code == 200


def test_citizen_follow_posts_limited(client, city, pothole, tight):
    report = reports_factories.report(city, pothole)
    url = f"/track/{report.tracking_code}/follow/"
    codes = [client.post(url, {"phone": "09121234567"}).status_code for _ in range(3)]
    assert codes[:2] != [429, 429] and codes[2] == 429


def test_staff_login_limited(client, db, tight):
    for _ in range(2):
        assert client.post("/staff/login/", {"username": "x", "password": "y"}).status_code == 200
    assert client.post("/staff/login/", {"username": "x", "password": "y"}).status_code == 429


def test_open311_reads_limited_with_open311_error(client, city, tight):
    for _ in range(3):
        assert client.get("/open311/v2/services.json?jurisdiction_id=testcity").status_code == 200
    refused = client.get("/open311/v2/services.json?jurisdiction_id=testcity")
    assert refused.status_code == 429 and refused.json()[0]["code"] == 429


def test_spoofed_forwarded_for_is_ignored_without_trusted_proxy(client, city, tight):
    for n in range(3):
        client.get("/track/", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    assert client.get("/track/", HTTP_X_FORWARDED_FOR="9.9.9.9").status_code == 429


def test_client_ip_behind_one_proxy(rf, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.2"]
    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 5.5.5.5")
    assert client_ip(request) == "5.5.5.5"  # the hop nginx saw, not what the client wrote
    settings.TRUSTED_PROXIES = []
    assert client_ip(request) == "10.0.0.2"
