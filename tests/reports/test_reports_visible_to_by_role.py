"""Who reads which reports: tenant isolation and unit scoping, decided once in the selector."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser

from shahrvand.common.persian import to_persian_digits
from shahrvand.reports import tracking
from shahrvand.reports.models import Report
from shahrvand.reports.selectors import report_for_tracking, reports_of_caller, reports_visible_to
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@dataclass
class World:
    city: object
    other: object
    reports: dict[str, Report]
    units: dict[str, object]


@pytest.fixture
def world(city) -> World:
    roads = tenancy_factories.department(city, "roads")
    parks = tenancy_factories.department(city, "parks")
    water = tenancy_factories.agency(city, "water", "water")
    gas = tenancy_factories.agency(city, "gas", "gas")
    other = tenancy_factories.municipality()
    # Same unit codes in the other city: scoping must be by identity, not by code.
    other_roads = tenancy_factories.department(other, "roads")
    other_water = tenancy_factories.agency(other, "water", "water")
    cats = {
        "roads": categories_factories.category(city, "c-roads", "road", dept=roads),
        "parks": categories_factories.category(city, "c-parks", "green_space", dept=parks),
        "water": categories_factories.category(city, "c-water", "utilities", agency_=water),
        "gas": categories_factories.category(city, "c-gas", "utilities", agency_=gas),
        "other-roads": categories_factories.category(other, "c-roads", "road", dept=other_roads),
        "other-water": categories_factories.category(
            other, "c-water", "utilities", agency_=other_water
        ),
    }
    reports = {
        name: reports_factories.report(
            other if name.startswith("other") else city,
            cat,
            where=tenancy_factories.INSIDE_EAST,
            reporter_phone="09120000001" if name.endswith("roads") else "",
        )
        for name, cat in cats.items()
    }
    units = {"roads": roads, "parks": parks, "water": water, "gas": gas}
    return World(city=city, other=other, reports=reports, units=units)


CITY_REPORTS = {"roads", "parks", "water", "gas"}
ALL_REPORTS = CITY_REPORTS | {"other-roads", "other-water"}

# (role, unit kind, unit name) → the reports that role sees in `world`.
CASES = [
    (Role.OPERATOR, None, CITY_REPORTS),
    (Role.DISPATCHER, None, CITY_REPORTS),
    (Role.MUNICIPALITY_ADMIN, None, CITY_REPORTS),
    (Role.FIELD_STAFF, "roads", {"roads"}),
    (Role.DEPARTMENT_MANAGER, "parks", {"parks"}),
    (Role.AGENCY_USER, "water", {"water"}),
    (Role.PROVINCE_SUPERVISOR, None, ALL_REPORTS),
]


def _staff(world: World, role: str, unit: str | None, *, in_other_city: bool = False):
    muni = None if role == Role.PROVINCE_SUPERVISOR else world.city
    if in_other_city:
        muni = world.other
    extra = {}
    if unit is not None:
        key = "agency_" if role == Role.AGENCY_USER else "dept"
        extra[key] = world.units[unit]
    return tenancy_factories.staff(muni, role, **extra)


def _visible(world: World, user) -> set[str]:
    ids = set(reports_visible_to(user).values_list("pk", flat=True))
    return {name for name, report in world.reports.items() if report.pk in ids}


def test_cases_cover_every_role():
    assert {role for role, _, _ in CASES} == set(Role)


@pytest.mark.parametrize(("role", "unit", "expected"), CASES, ids=[c[0].value for c in CASES])
def test_role_sees_exactly_its_reports(world, role, unit, expected):
    user = _staff(world, role, unit)
    assert _visible(world, user) == expected
    # And the queryset holds nothing else (e.g. no duplicates from joins).
    assert reports_visible_to(user).count() == len(expected)


@pytest.mark.parametrize(
    "role", [r for r in Role if r != Role.PROVINCE_SUPERVISOR], ids=lambda r: r.value
)
def test_staff_of_another_municipality_never_see_this_citys_reports(world, role):
    # Unit-scoped roles get a unit of *this* city (a misconfigured profile): the tenant
    # filter must still win.
    unit = {
        Role.FIELD_STAFF: "roads",
        Role.DEPARTMENT_MANAGER: "roads",
        Role.AGENCY_USER: "water",
    }.get(role)
    user = _staff(world, role, unit, in_other_city=True)
    assert not _visible(world, user) & CITY_REPORTS


def test_municipality_wide_staff_of_the_other_city_see_only_its_reports(world):
    user = tenancy_factories.staff(world.other, Role.DISPATCHER)
    assert _visible(world, user) == {"other-roads", "other-water"}


def test_anonymous_and_non_staff_users_see_nothing(world):
    assert not reports_visible_to(AnonymousUser()).exists()
    assert not reports_visible_to(tenancy_factories.user()).exists()


def test_agency_user_without_an_agency_sees_nothing(world):
    user = tenancy_factories.staff(world.city, Role.AGENCY_USER)
    assert _visible(world, user) == set()


def test_field_staff_without_department_see_only_reports_given_to_them(world):
    user = tenancy_factories.staff(world.city, Role.FIELD_STAFF)
    assert _visible(world, user) == set()
    # No service assigns a person yet; set the field directly for this read-side test.
    Report.objects.filter(pk=world.reports["gas"].pk).update(assigned_user=user)
    assert _visible(world, user) == {"gas"}


def test_department_staff_also_see_reports_given_to_them_personally(world):
    user = tenancy_factories.staff(world.city, Role.FIELD_STAFF, dept=world.units["roads"])
    Report.objects.filter(pk=world.reports["parks"].pk).update(assigned_user=user)
    assert _visible(world, user) == {"roads", "parks"}


def test_personal_assignment_does_not_cross_municipalities(world):
    user = tenancy_factories.staff(world.city, Role.FIELD_STAFF, dept=world.units["roads"])
    Report.objects.filter(pk=world.reports["other-water"].pk).update(assigned_user=user)
    assert _visible(world, user) == {"roads"}


def test_callers_earlier_reports_respect_visibility(world):
    phone = "+98 912 000 0001"
    operator = tenancy_factories.staff(world.city, Role.OPERATOR)
    supervisor = tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR)
    assert reports_of_caller(operator, phone) == [world.reports["roads"]]
    assert set(reports_of_caller(supervisor, phone)) == {
        world.reports["roads"],
        world.reports["other-roads"],
    }
    assert reports_of_caller(operator, "not a phone") == []


def test_tracking_lookup_accepts_persian_digits_and_dashes(world):
    report = world.reports["parks"]
    typed = to_persian_digits(tracking.display(report.tracking_code))
    assert report_for_tracking(typed) == report
    assert report_for_tracking(report.tracking_code[:-1]) is None
