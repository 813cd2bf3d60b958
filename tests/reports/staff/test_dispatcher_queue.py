"""The dispatcher queue: new reports with suggestion, duplicates and route; accept and bulk."""

from __future__ import annotations

import pytest

from shahrvand.categories.models import StandardCategory
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


def test_queue_shows_new_reports_with_suggestion_duplicates_and_route(
    client, city, pothole, dispatcher
):
    bins = categories_factories.category(city, "bins", "waste")
    first = reports_factories.report(city, pothole, description="چاله عمیق")
    second = reports_factories.report(city, pothole, description="چاله عمیق اینجا")
    Report.objects.filter(pk=second.pk).update(
        suggested_standard=StandardCategory.objects.get(code="waste"), suggestion_confidence=0.81
    )
    client.force_login(dispatcher)
    response = client.get("/staff/dispatch/")
    assert response.status_code == 200
    rows = {row.report.tracking_code: row for row in response.context["rows"]}
    assert set(rows) == {first.tracking_code, second.tracking_code}
    assert rows[second.tracking_code].suggestion == bins
    assert [c.report for c in rows[second.tracking_code].duplicates] == [first]
    assert "واحد civil-works" in response.content.decode()


def test_accept_assigns_to_preset_route(client, city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    client.post(f"/staff/dispatch/{report.tracking_code}/accept/")
    report.refresh_from_db()
    assert report.status == "assigned" and report.assigned_department == pothole.department
    assert report.events.filter(kind="assigned", actor=dispatcher).exists()


def test_accept_suggestion_recategorises_then_routes(client, city, pothole, dispatcher):
    water = tenancy_factories.agency(city)
    categories_factories.category(city, "leak", "utilities", agency_=water)
    report = reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    client.post(f"/staff/dispatch/{report.tracking_code}/accept/", {"category": "leak"})
    report.refresh_from_db()
    assert report.category.code == "leak" and report.status == "forwarded_external"
    assert report.assigned_agency == water


def test_bulk_reject_needs_a_note_and_is_all_or_nothing(client, city, pothole, dispatcher):
    a, b = reports_factories.report(city, pothole), reports_factories.report(city, pothole)
    client.force_login(dispatcher)
    data = {"selected": [a.tracking_code, b.tracking_code], "action": "reject", "note": ""}
    client.post("/staff/dispatch/bulk/", data)
    assert set(Report.objects.values_list("status", flat=True)) == {"submitted"}
    client.post("/staff/dispatch/bulk/", data | {"note": "خارج از حوزه"})
    assert set(Report.objects.values_list("status", flat=True)) == {"rejected"}


def test_bulk_assign_and_merge(client, city, pothole, dispatcher):
    a, b, c = (reports_factories.report(city, pothole) for _ in range(3))
    gas = tenancy_factories.agency(city, "gas", "gas")
    client.force_login(dispatcher)
    client.post(
        "/staff/dispatch/bulk/",
        {"selected": [a.tracking_code], "action": "assign", "unit": f"a:{gas.pk}"},
    )
    a.refresh_from_db()
    assert a.status == "forwarded_external" and a.assigned_agency == gas
    client.post(
        "/staff/dispatch/bulk/", {"selected": [b.tracking_code, c.tracking_code], "action": "merge"}
    )
    c.refresh_from_db()
    assert c.status == "duplicate" and c.duplicate_of == b


def test_other_roles_and_other_cities_cannot_dispatch(client, city, pothole):
    report = reports_factories.report(city, pothole)
    crew = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=tenancy_factories.department(city))
    client.force_login(crew)
    assert client.get("/staff/dispatch/").status_code == 403
    other = tenancy_factories.municipality("other", lat=36.3, lon=59.6)
    outsider = tenancy_factories.staff(other, Role.DISPATCHER)
    client.force_login(outsider)
    assert client.post(f"/staff/dispatch/{report.tracking_code}/accept/").status_code == 403
    report.refresh_from_db()
    assert report.status == "submitted"
