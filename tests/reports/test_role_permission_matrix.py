"""Who may see and do what, for every role: within the municipality, and never across.

One table per concern; a change in access rules shows up here as a failing cell.
"""

from __future__ import annotations

import pytest

from shahrvand.api.models import ApiToken
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
ROLES = list(Role)


@pytest.fixture
def world(city, pothole):
    """Two municipalities; department and agency reports; staff of every role in the first."""
    other = tenancy_factories.municipality("other", lat=36.30, lon=59.60)
    other_cat = categories_factories.category(other, "pothole", "road")
    water = tenancy_factories.agency(city)
    staff = {}
    for role in ROLES:
        muni = None if role == Role.PROVINCE_SUPERVISOR else city
        staff[role] = tenancy_factories.staff(
            muni,
            role,
            dept=pothole.department
            if role in (Role.FIELD_STAFF, Role.DEPARTMENT_MANAGER)
            else None,
            agency_=water if role == Role.AGENCY_USER else None,
        )
    mine = reports_factories.report(city, pothole)
    agency_report = reports_factories.report(
        city, categories_factories.category(city, "leak", "utilities", agency_=water)
    )
    theirs = reports_factories.report(other, other_cat, where=(36.30, 59.58))
    return {"staff": staff, "mine": mine, "agency": agency_report, "theirs": theirs}


# role → may read (department report, agency report) of its own municipality
READ = {
    Role.OPERATOR: (True, True),
    Role.DISPATCHER: (True, True),
    Role.MUNICIPALITY_ADMIN: (True, True),
    Role.FIELD_STAFF: (True, False),
    Role.DEPARTMENT_MANAGER: (True, False),
    Role.AGENCY_USER: (False, True),
    Role.PROVINCE_SUPERVISOR: (True, True),
}


@pytest.mark.parametrize("role", ROLES)
def test_report_page_visibility_by_role(client, world, role):
    client.force_login(world["staff"][role])
    dept_ok, agency_ok = READ[role]
    assert client.get(f"/staff/reports/{world['mine'].tracking_code}/").status_code == (
        200 if dept_ok else 404
    )
    assert client.get(f"/staff/reports/{world['agency'].tracking_code}/").status_code == (
        200 if agency_ok else 404
    )


@pytest.mark.parametrize("role", [r for r in ROLES if r != Role.PROVINCE_SUPERVISOR])
def test_no_role_reaches_another_municipality_through_any_route(client, world, role):
    theirs = world["theirs"]
    code = theirs.tracking_code
    user = world["staff"][role]
    client.force_login(user)
    _, raw = ApiToken.issue(user=user, name="t")
    bearer = {"Authorization": f"Bearer {raw}"}
    events_before = ReportEvent.objects.filter(report=theirs).count()
    ui_reads = [f"/staff/reports/{code}/", f"/staff/field/{code}/", f"/staff/intake/done/{code}/"]
    for url in ui_reads:
        assert client.get(url).status_code in (403, 404), url
    ui_writes = [
        (f"/staff/reports/{code}/status/", {"to_status": "triaged"}),
        (f"/staff/reports/{code}/assign/", {"unit": "d:1"}),
        (f"/staff/reports/{code}/note/", {"note": "x"}),
        (f"/staff/reports/{code}/category/", {"category": "pothole"}),
        (f"/staff/reports/{code}/location/", {"lat": "36.3", "lon": "59.58"}),
        (f"/staff/field/{code}/", {"to_status": "in_progress"}),
        (f"/staff/dispatch/{code}/accept/", {}),
        ("/staff/dispatch/bulk/", {"selected": [code], "action": "reject", "note": "x"}),
    ]
    for url, data in ui_writes:
        assert client.post(url, data).status_code in (403, 404), url
    api = f"/api/v1/staff/reports/{code}"
    assert client.get(api, headers=bearer).status_code == 404
    for suffix, body in [
        ("/status", {"to_status": "triaged"}),
        ("/assign", {"department": "civil-works"}),
        ("/notes", {"note": "x"}),
        ("/category", {"category": "pothole"}),
        ("/location", {"lat": 36.3, "lon": 59.58}),
        ("/merge", {"children": [world["mine"].tracking_code]}),
    ]:
        response = client.post(api + suffix, body, content_type="application/json", headers=bearer)
        assert response.status_code in (403, 404), suffix
    listed = client.get("/api/v1/staff/reports", headers=bearer).json()["items"]
    assert code not in {item["tracking_code"] for item in listed}
    queue = client.get("/staff/queue/", {"q": code})
    assert queue.context["page"].paginator.count == 0
    csv_body = b"".join(client.get("/staff/queue/export.csv").streaming_content).decode()
    assert code not in csv_body
    theirs.refresh_from_db()
    assert theirs.status == "submitted"
    assert ReportEvent.objects.filter(report=theirs).count() == events_before


# role → may change a visible report's status (UI)
ACT = {role: role != Role.PROVINCE_SUPERVISOR for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_who_may_change_status(client, world, role):
    report = world["agency"] if role == Role.AGENCY_USER else world["mine"]
    client.force_login(world["staff"][role])
    response = client.post(
        f"/staff/reports/{report.tracking_code}/status/", {"to_status": "on_hold", "note": "صبر"}
    )
    assert response.status_code == (302 if ACT[role] else 403)
    assert Report.objects.get(pk=report.pk).status == ("on_hold" if ACT[role] else "submitted")


INTAKE = {Role.OPERATOR, Role.DISPATCHER, Role.MUNICIPALITY_ADMIN}
DISPATCH = {Role.DISPATCHER, Role.MUNICIPALITY_ADMIN}
FIELD = {Role.FIELD_STAFF, Role.DEPARTMENT_MANAGER, Role.AGENCY_USER}


@pytest.mark.parametrize("role", ROLES)
def test_screens_by_role(client, world, role):
    client.force_login(world["staff"][role])
    assert client.get("/staff/").status_code == 200
    assert client.get("/staff/intake/").status_code == (200 if role in INTAKE else 403)
    assert client.get("/staff/dispatch/").status_code == (200 if role in DISPATCH else 403)
    assert client.get("/staff/field/").status_code == (200 if role in FIELD else 403)
