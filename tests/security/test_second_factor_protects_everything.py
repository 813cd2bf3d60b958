"""Every staff role must give the second factor before any page that is not public: staff
pages, analytics dashboards and their CSV, exports, the Django admin and the staff API by
session. The exempt URLs (public pages and APIs, health, sign-in and the second-factor pages)
stay reachable, and SHAHRVAND_SECOND_FACTOR_ROLES changes who must. Logins go through the
real form (force_login would give the factor, tests/conftest.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client

from shahrvand.tenancy.models import Role, StaffProfile

PROTECTED = (
    "/staff/",
    "/staff/queue/export.csv",
    "/staff/supervisory/",
    "/staff/mining/",
    "/staff/eservices/",
    "/staff/2fa/recovery/",
    "/analytics/",
    "/analytics/province/",
    "/analytics/m/testcity/",
    "/analytics/m/testcity/csv/volume.csv",
    "/admin/",
    "/admin/auth/user/",
)


def _password_only(client: Client, user: Any) -> None:
    response = client.post("/staff/login/", {"username": user.username, "password": "x"})
    assert response.status_code == 302, response.content.decode()[:300]


def _staff(city: Any, role: str) -> Any:
    muni = None if role == Role.PROVINCE_SUPERVISOR else city
    user = User.objects.create_user(username=f"staff-{role}", password="x")
    StaffProfile.objects.create(user=user, role=role, municipality=muni)
    return user


@pytest.mark.parametrize("role", Role.values)
def test_every_role_is_sent_to_the_second_factor(client: Client, city: Any, role: str) -> None:
    user = _staff(city, role)
    _password_only(client, user)
    for path in PROTECTED:
        response = client.get(path)
        assert response.status_code == 302, (role, path, response.status_code)
        assert response["Location"].startswith("/staff/2fa/?next="), (role, path)
    api = client.get("/api/v1/staff/reports")
    assert api.status_code == 403 and api.json()["code"] == "second_factor_required"
    # without a device, verification sends to enrolment
    assert client.get("/staff/2fa/")["Location"].startswith("/staff/2fa/setup/")


def test_exempt_urls_stay_reachable(client: Client, city: Any, pothole: Any) -> None:
    user = _staff(city, Role.DISPATCHER)
    _password_only(client, user)
    for path in (
        "/",
        "/track/",
        "/m/testcity/report/",
        "/services/",
        "/account/login/",
        "/healthz",
        "/api/v1/public/municipalities",
        "/api/v1/public/municipalities/testcity/categories",
        "/open311/v2/services.json?jurisdiction_id=testcity",
        "/analytics/public/testcity/",
        "/staff/2fa/setup/",
        "/staff/login/",
        "/admin/login/",
    ):
        response = client.get(path)
        location = response.get("Location", "")
        assert "/staff/2fa/" not in location or path.startswith("/staff/2fa/"), path
        assert response.status_code in (200, 302), (path, response.status_code)
    assert client.post("/staff/logout/").status_code == 302


def test_superuser_and_admin_site_users_whatever_the_setting(
    client: Client, db: None, settings: Any
) -> None:
    settings.SHAHRVAND_SECOND_FACTOR_ROLES = frozenset()
    for n, extra in enumerate(({"is_superuser": True, "is_staff": True}, {"is_staff": True})):
        user = User.objects.create_user(username=f"boss{n}", password="x", **extra)
        client.logout()
        _password_only(client, user)
        assert client.get("/admin/")["Location"].startswith("/staff/2fa/")


def test_the_setting_chooses_the_roles(client: Client, city: Any, settings: Any) -> None:
    settings.SHAHRVAND_SECOND_FACTOR_ROLES = frozenset({"province_supervisor"})
    field = _staff(city, Role.FIELD_STAFF)
    _password_only(client, field)
    assert client.get("/staff/").status_code == 200
    client.logout()
    supervisor = _staff(city, Role.PROVINCE_SUPERVISOR)
    _password_only(client, supervisor)
    assert client.get("/analytics/province/")["Location"].startswith("/staff/2fa/")


def test_verified_session_opens_the_pages(client: Client, city: Any) -> None:
    manager = _staff(city, Role.DEPARTMENT_MANAGER)
    client.force_login(manager)  # marks the session verified (tests/conftest.py)
    assert client.get("/staff/").status_code == 200
    assert client.get("/analytics/").status_code in (200, 302)
    assert "/staff/2fa/" not in client.get("/analytics/").get("Location", "")


def test_a_misspelt_role_fails_the_system_check(settings: Any) -> None:
    from shahrvand.security.checks import second_factor_roles

    settings.SHAHRVAND_SECOND_FACTOR_ROLES = frozenset({"dispatcher", "dispacher"})
    errors = second_factor_roles(None)
    assert [e.id for e in errors] == ["shahrvand.E024"] and "dispacher" in errors[0].msg
    settings.SHAHRVAND_SECOND_FACTOR_ROLES = frozenset({"all"})
    assert second_factor_roles(None) == []
