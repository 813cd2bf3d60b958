"""Intake reads districts and routing rules from per-process copies (common.localcopy):
a change to those rows is seen by the very next report, in this process and in others."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from shahrvand.common import localcopy
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Channel
from shahrvand.reports.services import ReportInput, report_create
from shahrvand.routing.models import RoutingRule
from shahrvand.tenancy.geo import boundary_bbox
from shahrvand.tenancy.models import District
from tests import factories

pytestmark = pytest.mark.django_db

EAST = (35.70, 51.43)  # inside district 2 of the `city` fixture (lon 51.40–51.45)


def intake(city, lat=EAST[0], lon=EAST[1]):
    return report_create(
        data=ReportInput(
            municipality=city,
            category_code="pothole",
            description="چاله",
            channel=Channel.WEB,
            lat=lat,
            lon=lon,
        )
    )


def test_a_rule_added_after_the_copy_was_taken_routes_the_next_report(city, pothole):
    assert intake(city).assigned_department == pothole.department  # copy taken, no rules
    night = factories.department(city, "east-night-crew")
    RoutingRule.objects.create(
        municipality=city,
        name="east",
        order=10,
        district=District.objects.get(municipality=city, number=2),
        department=night,
    )
    assert intake(city).assigned_department == night
    RoutingRule.objects.filter(name="east").get().delete()
    assert intake(city).assigned_department == pothole.department


def test_a_moved_district_boundary_is_used_by_the_next_report(city, pothole):
    assert intake(city).district.number == 2
    east = District.objects.get(municipality=city, number=2)
    far = {
        "type": "Polygon",
        "coordinates": [[[52.0, 36.0], [52.1, 36.0], [52.1, 36.1], [52.0, 36.1], [52.0, 36.0]]],
    }
    east.boundary = far
    east.min_lat, east.max_lat, east.min_lon, east.max_lon = boundary_bbox(far)
    east.save()
    with pytest.raises(ReportError) as outside:
        intake(city)
    assert outside.value.code == "outside_districts"
    assert intake(city, 36.05, 52.05).district == east


def test_a_change_in_another_process_drops_this_process_copy(city, pothole):
    other = factories.department(city, "other")
    intake(city)
    rule_elsewhere = RoutingRule(municipality=city, name="all", order=1, department=other)
    # Written without this process's signal (as another process would): the copy stays...
    RoutingRule.objects.bulk_create([rule_elsewhere])
    assert intake(city).assigned_department == pothole.department
    # ...until that process's save drops the shared token, which every process checks.
    cache.delete(localcopy.CACHE_KEY)
    assert intake(city).assigned_department.code == "other"


def test_saving_a_rule_drops_the_shared_token(city, pothole):
    intake(city)
    assert cache.get(localcopy.CACHE_KEY) is not None
    factories.department(city, "fresh")  # a body a rule may name
    assert cache.get(localcopy.CACHE_KEY) is None
