from __future__ import annotations

from typing import Any

import pytest

from shahrvand.categories.models import Category
from shahrvand.tenancy.models import Municipality
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories


@pytest.fixture
def city(db: None) -> Municipality:
    return tenancy_factories.municipality("testcity")


@pytest.fixture
def pothole(city: Municipality) -> Category:
    return categories_factories.category(city, "pothole", "road")


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    """Database rows roll back between tests but the cache does not: start each test empty
    (work calendars and rate-limit counters are cached by primary key or client)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _second_factor_for_force_login(monkeypatch: pytest.MonkeyPatch) -> None:
    """`client.force_login(user)` skips the password, so it also gives the second factor for
    users who must have one (every staff role by default, superusers, admin-site users): as
    if they had typed the code of a confirmed TOTP device. The rule itself is proven through
    the real login form in tests/security/test_two_factor.py and
    test_second_factor_protects_everything.py, which do not use force_login."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shahrvand.security import twofactor

    original = Client.force_login

    def force_login(self: Client, user: Any, backend: str | None = None) -> None:
        original(self, user, backend)
        if twofactor.is_required(user) or twofactor.has_device(user):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
            if device is None:
                device = TOTPDevice.objects.create(user=user, name="tests", confirmed=True)
            session = self.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()

    monkeypatch.setattr(Client, "force_login", force_login)
