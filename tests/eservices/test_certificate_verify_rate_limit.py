"""/verify/<code> (the public certificate check) is limited per client address: walking
codes gets a Persian 429 page with Retry-After; other addresses are not affected."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.fixture
def tight(settings):
    settings.SHAHRVAND_VERIFY_RATE = "3/m"
    return settings


def test_verify_is_limited_per_address_with_a_persian_page(client, tight):
    codes = ["ABCDEFGHJKMN", "ABCDEFGHJKMP", "ABCDEFGHJKMQ"]
    assert [client.get(f"/verify/{code}").status_code for code in codes] == [404, 404, 404]
    refused = client.get("/verify/ABCDEFGHJKMR")
    assert refused.status_code == 429
    text = refused.content.decode()
    assert 'lang="fa"' in text and "بیش از حد مجاز" in text
    assert int(refused["Retry-After"]) >= 1
    assert client.get("/verify/ABCDEFGHJKMR", REMOTE_ADDR="10.0.0.9").status_code == 404


def test_spoofed_forwarded_for_does_not_reset_the_verify_limit(client, tight):
    for n in range(3):
        client.get("/verify/ABCDEFGHJKMN", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    refused = client.get("/verify/ABCDEFGHJKMN", HTTP_X_FORWARDED_FOR="9.9.9.9")
    assert refused.status_code == 429
