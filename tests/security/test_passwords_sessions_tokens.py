"""Password rules (Persian messages), session expiry, hashed revocable API tokens."""

from __future__ import annotations

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.utils import timezone

from shahrvand.api.models import ApiToken
from shahrvand.security.middleware import LOGIN_AT
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("short-pass1", "دست‌کم ۱۲ نویسه"),
        ("123456789012345", "فقط از رقم"),
        ("password1234", "بسیار رایج"),
    ],
)
def test_weak_passwords_refused_in_persian(db, password, message):
    with pytest.raises(ValidationError) as refused:
        validate_password(password)
    assert any(message in text for text in refused.value.messages)


def test_password_like_the_username_refused(db):
    user = tenancy_factories.user(username="mohammad.rezaei")
    with pytest.raises(ValidationError) as refused:
        validate_password("mohammad.rezaei1", user)
    assert "بیش از حد شبیه" in " ".join(refused.value.messages)


def test_strong_password_and_demo_password_accepted(db):
    validate_password("kooche-baghe-1403-sabz")
    validate_password("shahrvand-demo")  # the demo accounts' password still passes


def test_session_idle_timeout_is_renewed_per_request(client, city, settings):
    user = tenancy_factories.staff(city, Role.DISPATCHER)
    client.force_login(user)
    client.get("/staff/")
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


def test_session_ends_after_the_absolute_lifetime(client, city, settings):
    user = tenancy_factories.staff(city, Role.DISPATCHER)
    client.force_login(user)
    assert client.get("/staff/").status_code == 200
    session = client.session
    session[LOGIN_AT] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 1
    session.save()
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"].startswith("/staff/login/")


def test_api_tokens_hashed_scoped_and_revocable(client, city, pothole):
    user = tenancy_factories.staff(city, Role.DISPATCHER)
    token, raw = ApiToken.issue(user=user, name="script")
    assert raw not in token.token_hash and not ApiToken.objects.filter(token_hash=raw).exists()
    mine = reports_factories.report(city, pothole)
    other_city = tenancy_factories.municipality("othercity")
    theirs = reports_factories.report(
        other_city, categories_factories.category(other_city, "pothole", "road")
    )
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    listed = client.get("/api/v1/staff/reports", **auth)
    assert listed.status_code == 200
    codes = {item["tracking_code"] for item in listed.json()["items"]}
    assert mine.tracking_code in codes and theirs.tracking_code not in codes  # scoped
    assert client.get(f"/api/v1/staff/reports/{theirs.tracking_code}", **auth).status_code == 404
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    assert client.get("/api/v1/staff/reports", **auth).status_code == 401  # revoked
