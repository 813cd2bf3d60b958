"""The work queue: filters, search, deadline views, saved filters, CSV and map data."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from shahrvand.backoffice.models import SavedFilter
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_add_note
from shahrvand.tenancy.models import District, Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


@pytest.fixture
def reports(city, pothole):
    bins = categories_factories.category(city, "bins", "waste")
    a = reports_factories.report(city, pothole, description="چاله خیابان بهار")
    b = reports_factories.report(
        city, bins, description="سطل زباله پر", where=tenancy_factories.INSIDE_EAST
    )
    c = reports_factories.report(city, pothole, description="آسفالت خراب", priority="high")
    Report.objects.filter(pk=c.pk).update(deadline=timezone.now() - dt.timedelta(hours=1))
    return a, b, c


def codes(response) -> set[str]:
    return {r.tracking_code for r in response.context["page"].object_list}


def test_default_shows_open_reports_by_deadline(client, dispatcher, reports):
    client.force_login(dispatcher)
    response = client.get("/staff/")
    assert response.status_code == 200
    assert codes(response) == {r.tracking_code for r in reports}
    assert next(iter(response.context["page"].object_list)) == reports[2]  # overdue first


def test_filters_combine(client, city, dispatcher, reports):
    a, b, c = reports
    client.force_login(dispatcher)
    east = District.objects.get(municipality=city, number=2)
    assert codes(client.get("/staff/queue/", {"standard": "waste"})) == {b.tracking_code}
    assert codes(client.get("/staff/queue/", {"district": east.pk})) == {b.tracking_code}
    assert codes(client.get("/staff/queue/", {"priority": "high"})) == {c.tracking_code}
    assert codes(client.get("/staff/queue/", {"deadline": "overdue"})) == {c.tracking_code}
    assert codes(client.get("/staff/queue/", {"status": ["submitted"], "standard": "road"})) == {
        a.tracking_code,
        c.tracking_code,
    }


def test_search_finds_descriptions_notes_and_codes(client, dispatcher, reports):
    a, b, c = reports
    report_add_note(report=b, actor=dispatcher, note="پیمانکار فردا می‌آید", public=False)
    client.force_login(dispatcher)
    assert codes(client.get("/staff/queue/", {"q": "بهار"})) == {a.tracking_code}
    assert codes(client.get("/staff/queue/", {"q": "پیمانكار"})) == {b.tracking_code}
    assert codes(client.get("/staff/queue/", {"q": c.tracking_code})) == {c.tracking_code}


def test_invalid_filter_shows_nothing_rather_than_everything(client, dispatcher, reports):
    client.force_login(dispatcher)
    assert codes(client.get("/staff/queue/", {"priority": "cosmic"})) == set()


def test_saved_filters_are_per_user(client, city, dispatcher, reports):
    client.force_login(dispatcher)
    response = client.post("/staff/filters/save/", {"name": "پسماند", "query": "standard=waste"})
    assert response.status_code == 302 and "standard=waste" in response["Location"]
    saved = SavedFilter.objects.get(user=dispatcher)
    other = tenancy_factories.staff(city, Role.DISPATCHER)
    client.force_login(other)
    assert list(client.get("/staff/queue/").context["saved"]) == []
    client.post(f"/staff/filters/{saved.pk}/delete/")
    assert SavedFilter.objects.filter(pk=saved.pk).exists()  # not theirs to delete
    client.force_login(dispatcher)
    client.post(f"/staff/filters/{saved.pk}/delete/")
    assert not SavedFilter.objects.filter(pk=saved.pk).exists()


def test_csv_export_of_current_filter_without_personal_data(client, city, pothole, dispatcher):
    reports_factories.report(city, pothole, description="چاله یک", reporter_phone="09121112233")
    client.force_login(dispatcher)
    response = client.get("/staff/queue/export.csv", {"standard": "road"})
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0][0] == "کد پیگیری" and len(rows) == 2
    assert "چاله یک" in rows[1] and "09121112233" not in body


def test_map_data_is_geojson_of_the_filter(client, dispatcher, reports):
    client.force_login(dispatcher)
    data = client.get("/staff/queue/map.geojson", {"standard": "waste"}).json()
    assert data["type"] == "FeatureCollection" and len(data["features"]) == 1
    lon, lat = data["features"][0]["geometry"]["coordinates"]
    assert (lat, lon) == tenancy_factories.INSIDE_EAST


def test_department_staff_queue_only_has_their_department(client, city, pothole, reports):
    other_dept = tenancy_factories.department(city, "parks")
    crew = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=other_dept)
    client.force_login(crew)
    assert codes(client.get("/staff/queue/")) == set()
    assert client.get("/staff/queue/export.csv").status_code == 200
    assert client.get("/staff/queue/map.geojson").json()["features"] == []
