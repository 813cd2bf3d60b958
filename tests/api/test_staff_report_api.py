"""Staff work reports through /api/v1/staff/ with a bearer token or their session."""

from __future__ import annotations

import pytest

from shahrvand.api.models import ApiToken
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
BASE = "/api/v1/staff"


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


@pytest.fixture
def auth(dispatcher):
    _, raw = ApiToken.issue(user=dispatcher, name="script")
    return {"Authorization": f"Bearer {raw}"}


def test_a_page_reads_and_serializes_only_its_own_rows(client, city, pothole, auth, monkeypatch):
    from shahrvand.api import serializers

    for n in range(55):
        reports_factories.report(city, pothole, description=f"چاله شماره {n}")
    serialized: list[str] = []
    real = serializers.staff_report

    def counting(report):
        serialized.append(report.tracking_code)
        return real(report)

    monkeypatch.setattr(serializers, "staff_report", counting)
    first = client.get(f"{BASE}/reports", headers=auth).json()
    assert first["count"] == 55 and len(first["items"]) == 50 and len(serialized) == 50
    serialized.clear()
    second = client.get(f"{BASE}/reports", {"page": 2}, headers=auth).json()
    assert second["count"] == 55 and len(serialized) == 5
    codes = [i["tracking_code"] for i in first["items"] + second["items"]]
    assert len(set(codes)) == 55  # the two pages do not overlap


def test_a_list_page_reads_the_caller_once_and_the_token_row_is_not_rewritten(
    client, city, pothole, auth, dispatcher
):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first_report = reports_factories.report(city, pothole)
    duplicate = reports_factories.report(city, pothole)
    Report.objects.filter(pk=duplicate.pk).update(duplicate_of=first_report)
    client.get(f"{BASE}/reports", headers=auth)
    token = ApiToken.objects.get(user=dispatcher)
    used = token.last_used_at
    assert used is not None
    with CaptureQueriesContext(connection) as queries:
        items = client.get(f"{BASE}/reports", headers=auth).json()["items"]
    statements = [q["sql"] for q in queries.captured_queries]
    # the token, the caller's profile (once, not again for the visibility rule), the
    # count and the page; "last used" is written at most once a minute
    assert len(statements) == 4, statements
    assert not any(s.lstrip().upper().startswith("UPDATE") for s in statements)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == used
    by_code = {i["tracking_code"]: i for i in items}
    assert by_code[duplicate.tracking_code]["duplicate_of"] == first_report.tracking_code
    assert by_code[first_report.tracking_code]["duplicate_of"] is None
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=used - dt.timedelta(minutes=2))
    client.get(f"{BASE}/reports", headers=auth)
    assert ApiToken.objects.get(pk=token.pk).last_used_at > used


def test_token_is_stored_hashed(dispatcher):
    token, raw = ApiToken.issue(user=dispatcher, name="x")
    assert raw not in (token.token_hash, token.prefix) and len(token.token_hash) == 64


def test_no_or_bad_or_revoked_token_is_401(client, dispatcher):
    assert client.get(f"{BASE}/reports").status_code == 401
    bad = client.get(f"{BASE}/reports", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401 and bad.json()["code"] == "unauthorized"
    token, raw = ApiToken.issue(user=dispatcher, name="x")
    token.revoked_at = token.created_at
    token.save()
    assert (
        client.get(f"{BASE}/reports", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    )


def test_list_filters_search_and_paginates(client, city, pothole, auth):
    bins = categories_factories.category(city, "bins", "waste")
    reports_factories.report(city, pothole, description="چاله در خیابان گلستان")
    reports_factories.report(city, bins, description="سطل زباله پر شده")
    r3 = reports_factories.report(
        city, pothole, description="چاله كوچک", where=tenancy_factories.INSIDE_EAST
    )
    data = client.get(f"{BASE}/reports", headers=auth).json()
    assert data["count"] == 3
    only_road = client.get(f"{BASE}/reports", {"standard": "road"}, headers=auth).json()
    assert only_road["count"] == 2
    east = client.get(f"{BASE}/reports", {"district": 2}, headers=auth).json()
    assert [i["tracking_code"] for i in east["items"]] == [r3.tracking_code]
    # Search is on normalised text: Arabic kaf in the query finds Persian kaf.
    found = client.get(f"{BASE}/reports", {"q": "كوچک"}, headers=auth).json()
    assert [i["tracking_code"] for i in found["items"]] == [r3.tracking_code]
    by_code = client.get(f"{BASE}/reports", {"q": r3.tracking_code}, headers=auth).json()
    assert by_code["count"] == 1
    page = client.get(f"{BASE}/reports", {"page": 2}, headers=auth).json()
    assert page["items"] == []


def test_invalid_filter_value_is_400(client, city, auth):
    response = client.get(f"{BASE}/reports", {"status": "flying"}, headers=auth)
    assert response.status_code == 400 and response.json()["field"].startswith("status")


def test_staff_sees_reporter_phone_public_does_not(client, city, pothole, auth):
    report = reports_factories.report(city, pothole, reporter_phone="09125556677")
    staff_view = client.get(f"{BASE}/reports/{report.tracking_code}", headers=auth).json()
    assert staff_view["reporter_phone"] == "09125556677"
    public_view = client.get(f"/api/v1/public/reports/{report.tracking_code}").content.decode()
    assert "09125556677" not in public_view


def test_status_change_and_illegal_move(client, city, pothole, auth, dispatcher):
    report = reports_factories.report(city, pothole)
    url = f"{BASE}/reports/{report.tracking_code}/status"
    ok = client.post(url, {"to_status": "triaged"}, content_type="application/json", headers=auth)
    assert ok.status_code == 200 and ok.json()["status"] == "triaged"
    assert "assigned" in ok.json()["allowed_statuses"]
    bad = client.post(url, {"to_status": "closed"}, content_type="application/json", headers=auth)
    assert bad.status_code == 400 and bad.json()["code"] == "illegal_transition"
    report.refresh_from_db()
    assert report.status == "triaged"
    assert report.events.last().actor == dispatcher


def test_assign_note_and_merge(client, city, pothole, auth):
    parent = reports_factories.report(city, pothole)
    child1 = reports_factories.report(city, pothole)
    child2 = reports_factories.report(city, pothole)
    water = tenancy_factories.agency(city)
    assigned = client.post(
        f"{BASE}/reports/{parent.tracking_code}/assign",
        {"agency": water.code},
        content_type="application/json",
        headers=auth,
    )
    assert assigned.json()["status"] == "forwarded_external"
    note = client.post(
        f"{BASE}/reports/{parent.tracking_code}/notes",
        {"note": "پیگیری شد"},
        content_type="application/json",
        headers=auth,
    )
    assert note.status_code == 201
    merged = client.post(
        f"{BASE}/reports/{parent.tracking_code}/merge",
        {"children": [child1.tracking_code, child2.tracking_code]},
        content_type="application/json",
        headers=auth,
    )
    assert merged.status_code == 200
    assert set(Report.objects.filter(duplicate_of=parent).values_list("status", flat=True)) == {
        "duplicate"
    }


def test_merge_is_all_or_nothing(client, city, pothole, auth):
    parent = reports_factories.report(city, pothole)
    child = reports_factories.report(city, pothole)
    response = client.post(
        f"{BASE}/reports/{parent.tracking_code}/merge",
        {"children": [child.tracking_code, parent.tracking_code]},
        content_type="application/json",
        headers=auth,
    )
    assert response.status_code == 400
    child.refresh_from_db()
    assert child.status == "submitted"


def test_other_municipality_is_invisible_through_api(client, city, pothole):
    report = reports_factories.report(city, pothole)
    other = tenancy_factories.municipality("othercity", lat=36.3, lon=59.6)
    outsider = tenancy_factories.staff(other, Role.MUNICIPALITY_ADMIN)
    _, raw = ApiToken.issue(user=outsider, name="x")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"{BASE}/reports", headers=headers).json()["count"] == 0
    assert client.get(f"{BASE}/reports/{report.tracking_code}", headers=headers).status_code == 404
    response = client.post(
        f"{BASE}/reports/{report.tracking_code}/status",
        {"to_status": "triaged"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 404


def test_session_auth_needs_csrf_for_writes(city, pothole, dispatcher):
    from django.test import Client

    report = reports_factories.report(city, pothole)
    client = Client(enforce_csrf_checks=True)
    client.force_login(dispatcher)
    assert client.get(f"{BASE}/reports").status_code == 200
    response = client.post(
        f"{BASE}/reports/{report.tracking_code}/status",
        {"to_status": "triaged"},
        content_type="application/json",
    )
    assert response.status_code in (401, 403)
    report.refresh_from_db()
    assert report.status == "submitted"


def test_province_supervisor_is_read_only(client, city, pothole):
    report = reports_factories.report(city, pothole)
    supervisor = tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR)
    _, raw = ApiToken.issue(user=supervisor, name="x")
    headers = {"Authorization": f"Bearer {raw}"}
    assert client.get(f"{BASE}/reports/{report.tracking_code}", headers=headers).status_code == 200
    response = client.post(
        f"{BASE}/reports/{report.tracking_code}/status",
        {"to_status": "triaged"},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 403


def test_openapi_document_and_docs_load(client, db):
    doc = client.get("/api/v1/openapi.json")
    assert doc.status_code == 200
    paths = doc.json()["paths"]
    assert "/api/v1/public/reports" in paths and "/api/v1/staff/reports/{code}/merge" in paths
    assert client.get("/api/v1/docs").status_code == 200


def test_category_correction_and_relocation(client, city, pothole, auth):
    bins = categories_factories.category(city, "bins", "waste")
    report = reports_factories.report(city, pothole, where=tenancy_factories.INSIDE_WEST)
    url = f"{BASE}/reports/{report.tracking_code}"
    moved = client.post(
        f"{url}/category", {"category": "bins"}, content_type="application/json", headers=auth
    )
    assert moved.status_code == 200 and moved.json()["category"] == bins.code
    assert moved.json()["standard_code"] == "waste"
    unknown = client.post(
        f"{url}/category", {"category": "zzz"}, content_type="application/json", headers=auth
    )
    assert unknown.status_code == 404
    east = client.post(
        f"{url}/location",
        {"lat": tenancy_factories.INSIDE_EAST[0], "lon": tenancy_factories.INSIDE_EAST[1]},
        content_type="application/json",
        headers=auth,
    )
    assert east.status_code == 200 and east.json()["district"] == 2
    outside = client.post(
        f"{url}/location",
        {"lat": tenancy_factories.OUTSIDE[0], "lon": tenancy_factories.OUTSIDE[1]},
        content_type="application/json",
        headers=auth,
    )
    assert outside.status_code == 400 and outside.json()["code"] == "outside_districts"


def test_interactive_docs_are_served_without_a_cdn(client, db):
    page = client.get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page
