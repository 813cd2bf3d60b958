"""Intake reads districts and routing rules from per-process copies (common.localcopy):
a change to those rows is seen by the very next report, in this process and in others."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from shahrvand.common import localcopy
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Channel
from shahrvand.reports.services import ReportInput, report_create
from shahrvand.routing.models import RoutingRule
from shahrvand.tenancy.geo import boundary_bbox
from shahrvand.tenancy.models import District
from tests.tenancy import factories as tenancy_factories

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
    night = tenancy_factories.department(city, "east-night-crew")
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
    other = tenancy_factories.department(city, "other")
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
    tenancy_factories.department(city, "fresh")  # a body a rule may name
    assert cache.get(localcopy.CACHE_KEY) is None


def test_a_renamed_or_retired_category_is_seen_by_the_next_report(city, pothole):
    assert intake(city).category.name_fa == pothole.name_fa  # copy taken
    pothole.name_fa = "چاله و دست‌انداز"
    pothole.save()
    assert intake(city).category.name_fa == "چاله و دست‌انداز"
    pothole.is_active = False
    pothole.save()
    with pytest.raises(ReportError) as unknown:
        intake(city)
    assert unknown.value.code == "unknown_category"


def test_a_deactivated_municipality_refuses_the_next_api_report(client, city, pothole):
    body = {
        "municipality": city.slug,
        "category": "pothole",
        "description": "چاله",
        "lat": EAST[0],
        "lon": EAST[1],
    }
    url = "/api/v1/public/reports"
    assert client.post(url, body, content_type="application/json").status_code == 201
    city.is_active = False
    city.save()
    assert client.post(url, body, content_type="application/json").status_code == 404


def test_a_new_holiday_moves_the_next_deadline(city, pothole):
    import datetime as dt

    from shahrvand.common.jalali import to_jalali
    from shahrvand.deadlines.models import Holiday

    first = intake(city)
    day = to_jalali(timezone.localtime(first.deadline).date())
    Holiday.objects.create(municipality=city, jalali=day.strftime("%Y/%m/%d"), title="تعطیل")
    second = intake(city)
    assert second.deadline > first.deadline + dt.timedelta(hours=12)


def test_one_web_request_reads_the_shared_token_once(client, city, pothole, monkeypatch):
    body = {
        "municipality": city.slug,
        "category": "pothole",
        "description": "چاله",
        "lat": EAST[0],
        "lon": EAST[1],
    }
    url = "/api/v1/public/reports"
    client.post(url, body, content_type="application/json")  # copies taken
    reads: list[str] = []
    real = localcopy._read_token

    def counting() -> str | None:
        reads.append("read")
        return real()

    monkeypatch.setattr(localcopy, "_read_token", counting)
    assert client.post(url, body, content_type="application/json").status_code == 201
    # municipality, category, districts, rules and calendar copies: one token read
    assert reads == ["read"]
    intake(city)  # outside a request: every use reads it
    assert len(reads) > 2
