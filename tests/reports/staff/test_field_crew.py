"""Field crews see their open work by deadline or distance and update it with photos."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shahrvand.reports.services import report_transition
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def crew(city, pothole):
    return tenancy_factories.staff(city, Role.FIELD_STAFF, dept=pothole.department)


def assigned(city, pothole, where, staff):
    report = reports_factories.report(city, pothole, where=where)
    return report_transition(report=report, to_status="assigned", actor=staff)


def jpeg():
    buf = io.BytesIO()
    Image.new("RGB", (80, 60), "green").save(buf, "JPEG")
    return SimpleUploadedFile("after.jpg", buf.getvalue(), content_type="image/jpeg")


def test_my_work_by_deadline_then_by_distance(client, city, pothole, crew):
    staff = tenancy_factories.staff(city)
    far = assigned(city, pothole, tenancy_factories.INSIDE_EAST, staff)
    near = assigned(city, pothole, tenancy_factories.INSIDE_WEST, staff)
    reports_factories.report(city, pothole)  # not yet assigned: not field work
    client.force_login(crew)
    by_deadline = [r.tracking_code for r, _ in client.get("/staff/field/").context["items"]]
    assert by_deadline == [far.tracking_code, near.tracking_code]
    lat, lon = tenancy_factories.INSIDE_WEST
    by_distance = client.get("/staff/field/", {"lat": lat, "lon": lon}).context["items"]
    assert [r.tracking_code for r, _ in by_distance] == [near.tracking_code, far.tracking_code]
    assert by_distance[0][1] < 1
    ignored = client.get("/staff/field/", {"lat": "nan", "lon": "1"}).context["by_distance"]
    assert ignored is False


def test_crew_resolves_with_after_photo_and_fix_location(client, city, pothole, crew):
    report = assigned(city, pothole, tenancy_factories.INSIDE_WEST, tenancy_factories.staff(city))
    client.force_login(crew)
    url = f"/staff/field/{report.tracking_code}/"
    client.post(url, {"to_status": "in_progress", "stage": "before"})
    response = client.post(
        url,
        {
            "to_status": "resolved",
            "note": "آسفالت شد",
            "photos": [jpeg()],
            "stage": "after",
            "lat": "35.7001",
            "lon": "51.3701",
        },
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "resolved"
    assert report.attachments.get().stage == "after"
    event = report.events.filter(to_status="resolved").get()
    assert event.data["fix_lat"] == pytest.approx(35.7001) and event.actor == crew


def test_resolving_without_note_is_refused_and_photo_not_kept(client, city, pothole, crew):
    report = assigned(city, pothole, tenancy_factories.INSIDE_WEST, tenancy_factories.staff(city))
    report_transition(report=report, to_status="in_progress", actor=crew)
    client.force_login(crew)
    response = client.post(
        f"/staff/field/{report.tracking_code}/",
        {"to_status": "resolved", "note": "", "photos": [jpeg()], "stage": "after"},
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == "in_progress" and report.attachments.count() == 0


def test_other_department_crew_and_dispatchers_cannot_use_it(client, city, pothole):
    report = assigned(city, pothole, tenancy_factories.INSIDE_WEST, tenancy_factories.staff(city))
    stranger = tenancy_factories.staff(
        city, Role.FIELD_STAFF, dept=tenancy_factories.department(city, "parks")
    )
    client.force_login(stranger)
    assert client.get(f"/staff/field/{report.tracking_code}/").status_code == 404
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    assert client.get("/staff/field/").status_code == 403
