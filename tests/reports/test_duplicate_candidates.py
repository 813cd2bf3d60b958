"""Duplicate candidates: same kind, nearby, recent, still open — ranked by space, time, words."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shahrvand.reports.duplicates import cells_within, find_candidates, haversine_m, text_similarity
from shahrvand.reports.models import Report, ReportFollower
from shahrvand.reports.services import report_transition
from shahrvand.reports.services.follow import report_follow
from tests.categories import factories as categories_factories
from tests.identity.sms import SmsLog
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
HERE = (35.7000, 51.3700)


def metres_north(lat: float, lon: float, metres: float) -> tuple[float, float]:
    return lat + metres / 111_195.0, lon


def candidates(city, category, where=HERE, text="", **kw):
    return find_candidates(
        municipality_id=city.pk,
        standard_code=category.standard_id,
        lat=where[0],
        lon=where[1],
        text=text,
        **kw,
    )


def test_haversine_and_cells_cover_radius():
    north = metres_north(*HERE, 40)
    assert 39.5 < haversine_m(*HERE, *north) < 40.5
    from shahrvand.tenancy.geo import cell_for

    # Every point on a 150 m circle lies in the covering cells.
    cells = set(cells_within(*HERE, 150))
    for bearing in range(0, 360, 15):
        import math

        lat = HERE[0] + 150 * math.cos(math.radians(bearing)) / 111_195.0
        lon = HERE[1] + 150 * math.sin(math.radians(bearing)) / (
            111_195.0 * math.cos(math.radians(HERE[0]))
        )
        assert cell_for(lat, lon) in cells


def test_finds_nearby_same_kind_and_ignores_far_other_kind_and_duplicates(city, pothole):
    bins = categories_factories.category(city, "bins", "waste")
    near = reports_factories.report(
        city, pothole, where=metres_north(*HERE, 30), description="چاله بزرگ"
    )
    reports_factories.report(city, pothole, where=metres_north(*HERE, 80))  # beyond 50 m
    reports_factories.report(city, bins, where=HERE)  # other standard code
    dup = reports_factories.report(city, pothole, where=HERE)
    report_transition(
        report=dup, to_status="duplicate", actor=tenancy_factories.staff(city), duplicate_of=near
    )
    found = candidates(city, pothole, text="چاله بزرگ")
    assert [c.report.tracking_code for c in found] == [near.tracking_code]
    assert 29 < found[0].distance_m < 31


def test_old_and_long_closed_reports_are_not_candidates(city, pothole):
    old = reports_factories.report(city, pothole, where=HERE)
    Report.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(weeks=13))
    closed = reports_factories.report(city, pothole, where=HERE)
    staff = tenancy_factories.staff(city)
    report_transition(report=closed, to_status="rejected", actor=staff, note="تکراری نیست")
    resolved_long_ago = reports_factories.report(city, pothole, where=HERE)
    for status in ("assigned", "in_progress"):
        report_transition(report=resolved_long_ago, to_status=status, actor=staff)
    report_transition(report=resolved_long_ago, to_status="resolved", actor=staff, note="تمام")
    Report.objects.filter(pk=resolved_long_ago.pk).update(
        resolved_at=timezone.now() - dt.timedelta(days=40)
    )
    recent_resolved = reports_factories.report(city, pothole, where=HERE)
    for status in ("assigned", "in_progress"):
        report_transition(report=recent_resolved, to_status=status, actor=staff)
    report_transition(report=recent_resolved, to_status="resolved", actor=staff, note="تمام")
    assert [c.report.pk for c in candidates(city, pothole)] == [recent_resolved.pk]


def test_ranking_prefers_similar_wording_then_closer(city, pothole):
    a = reports_factories.report(
        city, pothole, where=metres_north(*HERE, 10), description="سطل شکسته"
    )
    b = reports_factories.report(
        city, pothole, where=metres_north(*HERE, 25), description="چاله عمیق جلوی نانوایی بربری"
    )
    found = candidates(city, pothole, text="چاله عميق جلوي نانوايي")
    assert [c.report.pk for c in found] == [b.pk, a.pk]
    assert found[0].text_similarity > 0.5


def test_text_similarity_ignores_letter_variants_and_zwnj():
    assert text_similarity("می‌شود درست كنيد", "می شود درست کنید") == 1.0
    assert text_similarity("چاله", "درخت") < 0.1


def test_follow_instead_of_reporting_again(city, pothole):
    report = reports_factories.report(city, pothole)
    report_follow(report=report, phone="۰۹۱۲ ۳۳۳ ۴۴۵۵")
    report_follow(report=report, phone="+989123334455")
    assert list(ReportFollower.objects.values_list("phone", flat=True)) == ["09123334455"]


def test_nearby_partial_and_follow_page(client, city, pothole, settings, tmp_path):
    settings.SHAHRVAND_SMS_LOG = tmp_path / "sms.log"
    sms = SmsLog(settings.SHAHRVAND_SMS_LOG)
    report = reports_factories.report(city, pothole, where=HERE, description="چاله عمیق")
    html = client.get(
        "/m/testcity/nearby/",
        {"category": "pothole", "lat": "35.70005", "lon": "51.37", "description": "چاله"},
    ).content.decode()
    assert "شاید همین مشکل قبلاً گزارش شده باشد" in html
    assert report.tracking_code in html
    assert client.get("/m/testcity/nearby/", {"category": "pothole"}).content.decode().strip() == ""
    bad = client.post(f"/track/{report.tracking_code}/follow/", {"phone": "123"}, follow=True)
    assert "شماره همراه معتبر نیست" in bad.content.decode()
    # Two steps: the number gets a one-time code, and only the code subscribes it.
    sent = client.post(f"/track/{report.tracking_code}/follow/", {"phone": "09121234567"})
    assert sent.status_code == 302 and not report.followers.exists()
    code = sms.last_code("09121234567")
    ok = client.post(f"/track/{report.tracking_code}/follow/", {"code": code})
    assert ok.status_code == 302
    assert report.followers.get().phone == "09121234567"
