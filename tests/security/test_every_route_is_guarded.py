"""Every URL pattern, read from the resolver (not from a list written here), is either
declared open (security.middleware.is_exempt: citizen pages, public APIs, log-in pages) or
needs a logged-in staff member who has given the second factor, and then keeps to that
member's municipality. A route added later is checked the day it is added: if it takes a
parameter this file cannot fill, the test fails and asks for a sample (SAMPLES below)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from shahrvand.analytics.mining.models import Alert
from shahrvand.backoffice.models import SavedFilter
from shahrvand.deadlines.models import Holiday
from shahrvand.eservices.models import CaseDocument
from shahrvand.routing.models import RoutingRule
from shahrvand.security.middleware import is_exempt
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.eservices.helpers import city_with_units, published_service, submit_permit
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

LOGIN_PAGES = ("/staff/login/", "/admin/login/", "/account/login/")


@dataclass(frozen=True)
class Route:
    route: str
    namespace: str
    name: str
    params: tuple[str, ...]


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[Route]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            params = tuple(
                re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route)
            )
            yield Route(route, namespace, pattern.name or "", params)


ROUTES = list(_walk(get_resolver().url_patterns))


def _fill(route: Route, values: dict[str, str]) -> str:
    """A concrete path for `route`: each parameter replaced by its sample value."""
    path = route.route
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: values[m.group(1)], path)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: values[m.group(1)], path)
    return "/" + path.lstrip("^").rstrip("$").replace("\\", "")


def _declared_open(path: str) -> bool:
    return is_exempt(resolve(path))


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    """Two municipalities with a row of every kind a staff URL names: `own` is the one the
    staff member under test works for, `other` the one that must stay out of reach."""
    own = city_with_units("owncity")
    other = city_with_units("othercity")
    rows: dict[str, dict[str, str]] = {}
    for label, city in (("own", own), ("other", other)):
        category = categories_factories.category(city, "pothole", "road")
        report = reports_factories.report(city, category)
        admin = tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN)
        holiday = Holiday.objects.create(municipality=city, jalali="1405-10-03", title="تعطیل محلی")
        rule = RoutingRule.objects.create(municipality=city, name="قاعده آزمایشی")
        saved = SavedFilter.objects.create(user=admin, name="فیلتر", query="status=new")
        alert = Alert.objects.create(
            municipality=city,
            standard=category.standard,
            day="2026-12-01",
            observed=30,
            expected=5.0,
            baseline_sd=2.0,
            threshold=12.0,
            p_value=0.0001,
            dedupe_key=f"route-walk-{city.slug}",
        )
        case = submit_permit(published_service(city))
        step = case.steps.order_by("pk").first()
        document = CaseDocument.objects.filter(case=case).first()
        rows[label] = {
            "code": report.tracking_code,
            "slug": city.slug,
            "case": case.tracking_code,
            "step": str(step.pk if step else 0),
            "document": str(document.pk if document else 0),
            "holiday": str(holiday.pk),
            "rule": str(rule.pk),
            "filter": str(saved.pk),
            "alert": str(alert.pk),
            "admin": admin.username,
        }
    return {"own": own, "other": other, "rows": rows}


# How each staff route's parameters are filled from a municipality's rows (see `world`).
# A new non-open route with parameters must be added here, or the walk fails.
SAMPLES: dict[tuple[str, str], dict[str, str]] = {
    ("backoffice", "delete_filter"): {"pk": "filter"},
    ("backoffice", "holiday_delete"): {"pk": "holiday"},
    ("backoffice", "routing_rule_toggle"): {"pk": "rule"},
    ("mining", "alert_ack"): {"pk": "alert"},
    ("eservices_staff", "step"): {"pk": "step"},
    ("eservices_staff", "step_supervise"): {"pk": "step", "action": "=suspend"},
    ("eservices_staff", "document"): {"pk": "document"},
    ("eservices_staff", "audit_export"): {"code": "case", "fmt": "=json"},
    ("supervisory", "pdf"): {"pk": "=999999"},
    ("supervisory", "xlsx"): {"pk": "=999999"},
    ("analytics", "province_csv"): {"key": "=volume"},
    ("analytics", "scorecard"): {"unit": "=d:999999"},
    ("analytics", "csv"): {"key": "=volume"},
}
# Parameters whose meaning is the same on every route.
COMMON = {"code": "code", "slug": "slug", "fmt": "=json"}
# Parameters that name no municipality's rows (a format, an action, a chart).
NOT_TENANT_ROWS = {"fmt", "action", "key"}
# Parameters of the Django admin's own routes (it checks its objects itself).
ADMIN_VALUES = {"app_label": "auth", "object_id": "1", "url": "x", "content_type_id": "1"}


def _values(route: Route, rows: dict[str, str]) -> dict[str, str]:
    if route.namespace == "admin":
        return {p: ADMIN_VALUES.get(p, "x") for p in route.params}
    recipe = SAMPLES.get((route.namespace, route.name), {})
    values = {}
    for param in route.params:
        source = recipe.get(param) or COMMON.get(param)
        if source is None:
            raise AssertionError(
                f"{route.namespace}:{route.name} ({route.route}) takes `{param}`: add a sample "
                "to SAMPLES so this walk can check who may open it"
            )
        values[param] = source[1:] if source.startswith("=") else rows[source]
    return values


def _guarded(world: dict[str, Any]) -> list[tuple[Route, str]]:
    """Every route that is not declared open, as a path filled with `own`'s rows."""
    out = []
    for route in ROUTES:
        placeholder = _fill(route, dict.fromkeys(route.params, "1"))
        if _declared_open(placeholder):
            continue
        out.append((route, _fill(route, _values(route, world["rows"]["own"]))))
    return out


def test_the_walk_sees_every_part_of_the_site(world: dict[str, Any]) -> None:
    namespaces = {r.namespace for r in ROUTES}
    assert {"citizen", "backoffice", "api-v1", "open311", "analytics", "admin"} <= namespaces
    assert {"eservices_staff", "eservices_citizen", "mining", "supervisory"} <= namespaces
    assert len(ROUTES) > 150  # the admin alone has dozens
    guarded = _guarded(world)
    assert any(p.startswith("/staff/") for _, p in guarded)
    assert any(p.startswith("/analytics/") for _, p in guarded)
    assert any(p.startswith("/api/v1/staff/") for _, p in guarded)


def test_anonymous_reaches_only_what_is_declared_open(world: dict[str, Any]) -> None:
    client = Client()
    leaks = []
    for _route, path in _guarded(world):
        for method in ("get", "post"):
            response = getattr(client, method)(path)
            status = response.status_code
            to_login = status in (301, 302) and response["Location"].startswith(LOGIN_PAGES)
            if not (to_login or status in (401, 403, 404, 405)):
                leaks.append((method, path, status))
    assert leaks == []


def test_staff_owe_the_second_factor_on_every_guarded_route(world: dict[str, Any]) -> None:
    admin = tenancy_factories.staff(world["own"], Role.MUNICIPALITY_ADMIN)
    client = Client()
    response = client.post(
        "/staff/login/", {"username": admin.username, "password": tenancy_factories.PASSWORD}
    )
    assert response.status_code == 302
    open_doors = []
    for _route, path in _guarded(world):
        if path in ("/staff/logout/", "/admin/logout/"):
            continue  # logging out is allowed (and would end this walk)
        response = client.get(path)
        status = response.status_code
        to_factor = status == 302 and response["Location"].startswith("/staff/2fa/")
        api_refusal = (
            status == 403
            and path.startswith("/api/")
            and response.json()["code"] == "second_factor_required"
        )
        if not (to_factor or api_refusal or status == 405):
            open_doors.append((path, status))
    assert open_doors == []


@pytest.mark.parametrize(
    "role",
    [r for r in Role.values if r != Role.PROVINCE_SUPERVISOR],
)
def test_verified_staff_never_open_another_municipalitys_rows(
    world: dict[str, Any], role: str
) -> None:
    """Every guarded route with a parameter, filled with the OTHER municipality's rows,
    opened by a verified member of `own` in `role`: refused or not found, never shown."""
    member = tenancy_factories.staff(world["own"], role)
    client = Client()
    client.force_login(member)  # verified (tests/conftest.py)
    other = world["rows"]["other"]
    shown = []
    for route, _ in _guarded(world):
        if route.namespace == "admin" or not set(route.params) - NOT_TENANT_ROWS:
            continue  # the admin is superusers' (the anonymous walk covers it)
        path = _fill(route, _values(route, other))
        response = client.get(path)
        if response.status_code == 200:
            shown.append(path)
    assert shown == []


# The only staff-side doors a visitor may find open: logging in and out, the second-factor
# pages themselves, the public transparency page and the KPI definitions (methods, no data).
OPEN_STAFF_SIDE = re.compile(
    r"^/(staff/(login|logout|2fa)/|admin/(login|logout)/|analytics/(public|definitions)/)"
)


def test_nothing_on_the_staff_side_is_declared_open() -> None:
    """The open declaration itself is checked: no staff page, admin page, analytics page or
    staff API route may be declared open (a namespace added to the exempt list by mistake
    would otherwise open a whole part of the site)."""
    wrongly_open = []
    for route in ROUTES:
        path = _fill(route, dict.fromkeys(route.params, "1"))
        staff_side = path.startswith(("/staff/", "/admin/", "/analytics/", "/api/v1/staff/"))
        if staff_side and _declared_open(path) and not OPEN_STAFF_SIDE.match(path):
            wrongly_open.append(path)
    assert wrongly_open == []
