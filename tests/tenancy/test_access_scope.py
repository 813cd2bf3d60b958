"""tenancy.access: one municipality scope for every selector, and the staff request."""

from __future__ import annotations

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from shahrvand.categories.selectors import categories_visible_to
from shahrvand.common.errors import NotFound, PermissionDenied
from shahrvand.deadlines.models import Holiday
from shahrvand.deadlines.selectors import holidays_managed_by, holidays_visible_to
from shahrvand.routing.models import RoutingRule
from shahrvand.routing.selectors import routing_rules_visible_to
from shahrvand.tenancy.access import (
    StaffRequest,
    municipalities_visible_to,
    scope_to_actor,
    staff_profile_of,
    staff_required,
)
from shahrvand.tenancy.models import Department, Role
from shahrvand.tenancy.selectors import (
    agencies_visible_to,
    departments_visible_to,
    districts_visible_to,
    unit_by_ref,
)
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def two(city, pothole):
    other = tenancy_factories.municipality("other", lat=36.30, lon=59.60)
    categories_factories.category(other, "pothole", "road")
    tenancy_factories.agency(city)
    tenancy_factories.agency(other)
    for muni in (city, other):
        RoutingRule.objects.create(
            municipality=muni, name="r", department=tenancy_factories.department(muni)
        )
        Holiday.objects.create(municipality=muni, jalali="1405/01/13", title="x")
    # a province-wide closure, entered once for every municipality of the province
    Holiday.objects.create(
        municipality=None, province=city.province, jalali="1405/09/20", title="آلودگی هوا"
    )
    return city, other


@pytest.mark.parametrize("role", list(Role))
def test_every_reference_selector_keeps_to_the_actors_municipality(two, role):
    city, other = two
    profile = staff_profile_of(
        tenancy_factories.staff(None if role == Role.PROVINCE_SUPERVISOR else city, role)
    )
    assert profile is not None
    rows = {
        "departments": departments_visible_to(profile),
        "agencies": agencies_visible_to(profile),
        "districts": districts_visible_to(profile),
        "categories": categories_visible_to(profile),
        "rules": routing_rules_visible_to(profile),
        "holidays (own)": holidays_managed_by(profile),
        "municipalities": municipalities_visible_to(profile),
    }
    for name, queryset in rows.items():
        field = "pk" if name == "municipalities" else "municipality_id"
        seen = set(queryset.values_list(field, flat=True))
        expected = {city.pk, other.pk} if role == Role.PROVINCE_SUPERVISOR else {city.pk}
        assert seen == expected, name
    with_province = set(holidays_visible_to(profile).values_list("municipality_id", flat=True))
    assert with_province == (
        {city.pk, other.pk, None} if role == Role.PROVINCE_SUPERVISOR else {city.pk, None}
    )


def test_no_profile_sees_nothing(two):
    assert not scope_to_actor(Department.objects.all(), None).exists()
    assert not holidays_visible_to(None).exists()
    assert not municipalities_visible_to(None).exists()


def test_within_narrows_to_one_municipality_the_actor_may_see(two):
    city, other = two
    mine = staff_profile_of(tenancy_factories.staff(city, Role.DISPATCHER))
    province = staff_profile_of(tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR))
    assert set(
        departments_visible_to(province, within=other).values_list("municipality", flat=True)
    ) == {other.pk}
    assert not departments_visible_to(mine, within=other).exists()
    theirs = Department.objects.get(municipality=other)
    assert unit_by_ref(mine, f"d:{theirs.pk}") == (None, None)
    own = Department.objects.get(municipality=city)
    assert unit_by_ref(mine, f"d:{own.pk}", within=city) == (own, None)
    assert unit_by_ref(mine, "d:not-a-number") == (None, None)


def test_staff_required_puts_the_profile_on_the_request_and_maps_domain_refusals(city):
    user = tenancy_factories.staff(city, Role.OPERATOR)
    seen = {}

    @staff_required
    def view(request: StaffRequest, what: str) -> HttpResponse:
        seen["staff"] = request.staff
        seen["again"] = staff_profile_of(request.user)  # remembered: no second read
        if what == "refuse":
            raise PermissionDenied("نه")
        if what == "missing":
            raise NotFound("نیست")
        return HttpResponse("ok")

    request = RequestFactory().get("/")
    request.user = user
    assert view(request, "ok").status_code == 200
    assert seen["staff"].role == Role.OPERATOR and seen["again"] is seen["staff"]

    from django.core.exceptions import PermissionDenied as HttpForbidden
    from django.http import Http404

    with pytest.raises(HttpForbidden):
        view(request, "refuse")
    with pytest.raises(Http404):
        view(request, "missing")


def test_staff_required_sends_the_anonymous_to_login_and_refuses_non_staff(db):
    from django.contrib.auth.models import AnonymousUser
    from django.core.exceptions import PermissionDenied as HttpForbidden

    @staff_required
    def view(request: StaffRequest) -> HttpResponse:
        return HttpResponse("ok")

    request = RequestFactory().get("/staff/")
    request.user = AnonymousUser()
    assert view(request).status_code == 302
    request.user = tenancy_factories.user()
    with pytest.raises(HttpForbidden):
        view(request)
