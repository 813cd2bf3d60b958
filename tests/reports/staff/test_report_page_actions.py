"""Staff work a report on its page: status changes, assignment, notes — within their rights."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import ReportEvent
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


def test_dispatcher_moves_report_through_legal_status(client, city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    url = f"/staff/reports/{report.tracking_code}/status/"
    response = client.post(url, {"to_status": "triaged", "note": "", "public": "on"})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "triaged"
    event = report.events.last()
    assert event.actor == dispatcher and event.from_status == "submitted"


def test_illegal_status_is_refused_with_message(client, city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    response = client.post(
        f"/staff/reports/{report.tracking_code}/status/", {"to_status": "closed", "note": "x"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == "submitted"
    assert ReportEvent.objects.filter(report=report).count() == 1


def test_rejection_without_reason_is_refused(client, city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    response = client.post(
        f"/staff/reports/{report.tracking_code}/status/", {"to_status": "rejected", "note": " "}
    )
    assert response.status_code == 400
    assert "توضیح" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"


def test_mark_duplicate_needs_existing_parent(client, city, pothole, dispatcher):
    parent = reports_factories.report(city, pothole)
    child = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    url = f"/staff/reports/{child.tracking_code}/status/"
    bad = client.post(url, {"to_status": "duplicate", "duplicate_of": "123"})
    assert bad.status_code == 400
    ok = client.post(url, {"to_status": "duplicate", "duplicate_of": parent.tracking_code})
    assert ok.status_code == 302
    child.refresh_from_db()
    assert child.status == "duplicate" and child.duplicate_of == parent


def test_assign_to_agency_forwards_report(client, city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    water = tenancy_factories.agency(city)
    client.force_login(dispatcher)
    response = client.post(
        f"/staff/reports/{report.tracking_code}/assign/", {"unit": f"a:{water.pk}", "note": ""}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "forwarded_external" and report.assigned_agency == water


def test_internal_note_recorded_as_internal(client, city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    client.post(f"/staff/reports/{report.tracking_code}/note/", {"note": "تماس گرفته شد"})
    note = report.events.get(kind="note")
    assert note.is_public is False and note.note == "تماس گرفته شد"


def test_province_supervisor_reads_but_cannot_act(client, city, pothole):
    report = reports_factories.report(city, pothole)
    supervisor = tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR)
    client.force_login(supervisor)
    assert client.get(f"/staff/reports/{report.tracking_code}/").status_code == 200
    response = client.post(
        f"/staff/reports/{report.tracking_code}/status/", {"to_status": "triaged"}
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"


def test_staff_of_another_municipality_gets_404(client, city, pothole):
    report = reports_factories.report(city, pothole)
    other = tenancy_factories.municipality("other", lat=36.3, lon=59.6)
    outsider = tenancy_factories.staff(other, Role.MUNICIPALITY_ADMIN)
    client.force_login(outsider)
    assert client.get(f"/staff/reports/{report.tracking_code}/").status_code == 404
    response = client.post(
        f"/staff/reports/{report.tracking_code}/status/", {"to_status": "triaged"}
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "submitted"


def test_dispatcher_corrects_category_and_location(client, city, pothole, dispatcher):
    bins = categories_factories.category(city, "bins", "waste")
    report = reports_factories.report(city, pothole, where=tenancy_factories.INSIDE_WEST)
    client.force_login(dispatcher)
    page = client.get(f"/staff/reports/{report.tracking_code}/")
    assert "اصلاح موضوع" in page.content.decode()
    moved = client.post(f"/staff/reports/{report.tracking_code}/category/", {"category": "bins"})
    assert moved.status_code == 302
    bad = client.post(
        f"/staff/reports/{report.tracking_code}/location/", {"lat": "35.95", "lon": "51.95"}
    )
    assert bad.status_code == 400 and "خارج از محدوده" in bad.content.decode()
    ok = client.post(
        f"/staff/reports/{report.tracking_code}/location/", {"lat": "۳۵٫۷", "lon": "51.43"}
    )
    assert ok.status_code == 302
    report.refresh_from_db()
    assert report.category == bins and report.district.number == 2
