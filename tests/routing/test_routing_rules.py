"""Routing rules route in order, first match wins; category and place changes re-route."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from shahrvand.reports.services.category import report_recategorise, report_relocate
from shahrvand.routing.engine import route_for
from shahrvand.routing.models import RoutingRule
from shahrvand.tenancy.models import District
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
TEHRAN = ZoneInfo("Asia/Tehran")


def at(weekday_date: str, hhmm: str) -> dt.datetime:
    return dt.datetime.fromisoformat(f"{weekday_date}T{hhmm}").replace(tzinfo=TEHRAN)


def test_without_rules_the_category_body_is_used(city, pothole):
    route = route_for(category=pothole, district=District.objects.first(), priority="normal")
    assert route.department == pothole.department and route.rule is None


def test_first_matching_rule_in_order_wins(city, pothole):
    east = District.objects.get(municipality=city, number=2)
    night = tenancy_factories.department(city, "night-crew")
    east_team = tenancy_factories.department(city, "east-roads")
    RoutingRule.objects.create(
        municipality=city, name="east", order=20, district=east, department=east_team
    )
    RoutingRule.objects.create(
        municipality=city,
        name="nights",
        order=10,
        standard_id="road",
        start_time=dt.time(20),
        end_time=dt.time(6),
        department=night,
    )
    # 2026-11-23 is a Monday.
    assert (
        route_for(
            category=pothole, district=east, priority="normal", at=at("2026-11-23", "23:30")
        ).department
        == night
    )
    assert (
        route_for(
            category=pothole, district=east, priority="normal", at=at("2026-11-24", "05:59")
        ).department
        == night
    )
    assert (
        route_for(
            category=pothole, district=east, priority="normal", at=at("2026-11-23", "12:00")
        ).department
        == east_team
    )
    west = District.objects.get(municipality=city, number=1)
    assert (
        route_for(
            category=pothole, district=west, priority="normal", at=at("2026-11-23", "12:00")
        ).department
        == pothole.department
    )


def test_weekday_priority_and_inactive_conditions(city, pothole):
    friday_team = tenancy_factories.department(city, "friday")
    urgent = tenancy_factories.agency(city, "gas", "gas")
    RoutingRule.objects.create(
        municipality=city, name="off", order=1, department=friday_team, is_active=False
    )
    RoutingRule.objects.create(
        municipality=city, name="fri", order=2, weekdays=[4], department=friday_team
    )
    RoutingRule.objects.create(
        municipality=city, name="emerg", order=3, priority="emergency", agency=urgent
    )
    d = District.objects.first()
    friday = at("2026-11-27", "10:00")
    monday = at("2026-11-23", "10:00")
    assert (
        route_for(category=pothole, district=d, priority="normal", at=friday).department
        == friday_team
    )
    assert route_for(category=pothole, district=d, priority="emergency", at=monday).agency == urgent
    assert route_for(category=pothole, district=d, priority="normal", at=monday).rule is None


def test_rule_validation(city, pothole):
    other = tenancy_factories.municipality("other", lat=36.3, lon=59.6)
    rule = RoutingRule(municipality=city, name="x", department=tenancy_factories.department(other))
    with pytest.raises(ValidationError):
        rule.full_clean()
    with pytest.raises(ValidationError):
        RoutingRule(municipality=city, name="none").full_clean()
    with pytest.raises(ValidationError):
        RoutingRule(
            municipality=city, name="d", weekdays=[9], department=tenancy_factories.department(city)
        ).full_clean()


def test_intake_uses_rules(city, pothole):
    team = tenancy_factories.department(city, "special")
    RoutingRule.objects.create(
        municipality=city, name="all roads", standard_id="road", department=team
    )
    report = reports_factories.report(city, pothole)
    assert report.assigned_department == team and report.status == "submitted"


def test_recategorise_reroutes_and_records_correction(city, pothole):
    water = tenancy_factories.agency(city)
    leak = categories_factories.category(city, "leak", "utilities", agency_=water)
    staff = tenancy_factories.staff(city)
    report = reports_factories.report(city, pothole)
    report = report_recategorise(report=report, category=leak, actor=staff)
    assert report.standard_id == "utilities" and report.assigned_agency == water
    assert report.status == "submitted"  # not handed out yet: the preset route changes only
    event = report.events.get(kind="category")
    assert event.data["from_standard"] == "road" and event.data["to_standard"] == "utilities"


def test_recategorise_of_assigned_report_forwards_to_agency(city, pothole):
    from shahrvand.reports.services import report_transition

    water = tenancy_factories.agency(city)
    leak = categories_factories.category(city, "leak", "utilities", agency_=water)
    staff = tenancy_factories.staff(city)
    report = reports_factories.report(city, pothole)
    report_transition(report=report, to_status="assigned", actor=staff)
    report = report_recategorise(report=report, category=leak, actor=staff)
    assert report.status == "forwarded_external" and report.assigned_department is None


def test_relocate_changes_district_and_reroutes(city, pothole):
    east = District.objects.get(municipality=city, number=2)
    east_team = tenancy_factories.department(city, "east-roads")
    RoutingRule.objects.create(municipality=city, name="east", district=east, department=east_team)
    report = reports_factories.report(city, pothole, where=tenancy_factories.INSIDE_WEST)
    staff = tenancy_factories.staff(city)
    report = report_relocate(
        report=report,
        lat=tenancy_factories.INSIDE_EAST[0],
        lon=tenancy_factories.INSIDE_EAST[1],
        actor=staff,
    )
    assert report.district == east and report.assigned_department == east_team
    from shahrvand.reports.errors import ReportError

    with pytest.raises(ReportError):
        report_relocate(
            report=report,
            lat=tenancy_factories.OUTSIDE[0],
            lon=tenancy_factories.OUTSIDE[1],
            actor=staff,
        )
