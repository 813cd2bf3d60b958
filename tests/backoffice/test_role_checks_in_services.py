"""The services refuse a role or a municipality themselves, whatever the channel.

Each service is called directly (no view in front) by every role of the report's
municipality and by the same role of another municipality; the refusal is the domain
PermissionDenied and nothing is written. The last tests prove that the report page and
the private API give the same answer for the same role.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from shahrvand.api.models import ApiToken
from shahrvand.backoffice.models import SavedFilter
from shahrvand.backoffice.services import saved_filter_save
from shahrvand.common.errors import PermissionDenied
from shahrvand.deadlines.models import Holiday
from shahrvand.deadlines.services import holiday_create, holiday_delete
from shahrvand.reports.models import Channel, Report, ReportEvent
from shahrvand.reports.services import (
    ReportInput,
    report_accept_route,
    report_add_note,
    report_assign,
    report_field_update,
    report_merge,
    report_recategorise,
    report_register_by_phone,
    report_relocate,
    report_transition,
    reports_dispatch_bulk,
)
from shahrvand.routing.models import RoutingRule
from shahrvand.routing.services import (
    routing_rule_create,
    routing_rule_delete,
    routing_rule_toggle,
)
from shahrvand.tenancy.access import (
    ASSIGN_ROLES,
    DISPATCH_ROLES,
    FIELD_ROLES,
    INTAKE_ROLES,
    READ_ONLY_ROLES,
    REFERENCE_ADMIN_ROLES,
)
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
ROLES = list(Role)
ACTING = frozenset(Role) - READ_ONLY_ROLES


@pytest.fixture
def world(city, pothole):
    """Staff of every role in `city` and in `other`; a department report and a second one
    (for merges) in `city`."""
    other = tenancy_factories.municipality("other", lat=36.30, lon=59.60)
    categories_factories.category(other, "pothole", "road")
    water = tenancy_factories.agency(city)
    staff: dict[tuple[str, Role], Any] = {}
    for name, muni in (("city", city), ("other", other)):
        dept = tenancy_factories.department(muni, "civil-works")
        agency = water if muni == city else tenancy_factories.agency(other)
        for role in ROLES:
            staff[name, role] = tenancy_factories.staff(
                None if role == Role.PROVINCE_SUPERVISOR else muni,
                role,
                dept=dept if role in (Role.FIELD_STAFF, Role.DEPARTMENT_MANAGER) else None,
                agency_=agency if role == Role.AGENCY_USER else None,
            )
    agency_category = categories_factories.category(city, "water-leak", "utilities", agency_=water)
    return {
        "city": city,
        "other": other,
        "staff": staff,
        "report": reports_factories.report(city, pothole),
        "second": reports_factories.report(city, pothole, description="چاله دیگری کنار پیاده‌رو"),
        "agency_report": reports_factories.report(
            city, agency_category, description="نشت آب از لوله اصلی"
        ),
        "agency_second": reports_factories.report(
            city, agency_category, description="نشت آب کنار پیاده‌رو"
        ),
        "water": water,
        "pothole": pothole,
    }


ALLOWED: dict[str, frozenset[Role]] = {
    "transition": ACTING,
    "note": ACTING,
    "relocate": ACTING,
    "merge": ACTING,
    "assign": ASSIGN_ROLES,
    "recategorise": ASSIGN_ROLES,
    "accept_route": DISPATCH_ROLES,
    "dispatch_bulk": DISPATCH_ROLES,
    "field_update": FIELD_ROLES,
}
REFUSED = [(role, name) for name, roles in ALLOWED.items() for role in ROLES if role not in roles]
PERMITTED = [(role, name) for name, roles in ALLOWED.items() for role in ROLES if role in roles]


def _call(world: dict[str, Any], name: str, actor: Any, role: Role) -> Any:
    """Call the report service `name` as `actor` (of `role`) on a report that role reads:
    the agency's report for an agency user, the department's for everyone else."""
    if role == Role.AGENCY_USER:
        report, second = world["agency_report"], world["agency_second"]
    else:
        report, second = world["report"], world["second"]
    calls: dict[str, Callable[[], Any]] = {
        "transition": lambda: report_transition(
            report=report, to_status="on_hold", actor=actor, note="صبر"
        ),
        "note": lambda: report_add_note(report=report, actor=actor, note="x", public=False),
        "relocate": lambda: report_relocate(report=report, lat=35.70, lon=51.43, actor=actor),
        "merge": lambda: report_merge(parent=report, children=[second], actor=actor),
        "assign": lambda: report_assign(
            report=report, actor=actor, department=report.category.department
        ),
        "recategorise": lambda: report_recategorise(
            report=report,
            category=categories_factories.category(world["city"], "leak", "utilities"),
            actor=actor,
        ),
        "accept_route": lambda: report_accept_route(report=report, actor=actor),
        "dispatch_bulk": lambda: reports_dispatch_bulk(
            reports=[report], action="reject", actor=actor, note="خارج از حوزه"
        ),
        "field_update": lambda: report_field_update(
            report=report, actor=actor, to_status="on_hold", note="صبر"
        ),
    }
    return calls[name]()


def _written(world: dict[str, Any]) -> tuple[Any, ...]:
    """What a write would change: the history of the city's reports and their statuses."""
    names = ("report", "second", "agency_report", "agency_second")
    statuses = Report.objects.filter(pk__in=[world[n].pk for n in names]).order_by("pk")
    events = ReportEvent.objects.filter(report__municipality=world["city"]).count()
    return events, *statuses.values_list("status", flat=True)


@pytest.mark.parametrize(("role", "service"), REFUSED)
def test_report_services_refuse_a_role_they_do_not_allow(world, role, service):
    before = _written(world)
    with pytest.raises(PermissionDenied) as refused:
        _call(world, service, world["staff"]["city", role], role)
    assert refused.value.code == "role_forbidden"
    assert _written(world) == before


@pytest.mark.parametrize(("role", "service"), PERMITTED)
def test_report_services_let_the_roles_they_allow_through(world, role, service):
    before = _written(world)
    _call(world, service, world["staff"]["city", role], role)  # no PermissionDenied
    assert _written(world) != before


@pytest.mark.parametrize("service", list(ALLOWED))
@pytest.mark.parametrize("role", sorted(ACTING))
def test_report_services_refuse_every_role_of_another_municipality(world, role, service):
    before = _written(world)
    with pytest.raises(PermissionDenied) as refused:
        _call(world, service, world["staff"]["other", role], role)
    assert _written(world) == before
    expected = "other_municipality" if role in ALLOWED[service] else "role_forbidden"
    assert refused.value.code == expected


@pytest.mark.parametrize("service", ["transition", "note", "relocate", "field_update"])
def test_report_services_refuse_a_field_crew_of_another_unit(world, service):
    """Same municipality, a role that may act, but not this unit's report: the service
    refuses (the pages only ever show it the reports of its own unit)."""
    parks = tenancy_factories.department(world["city"], "parks")
    crew = tenancy_factories.staff(world["city"], Role.FIELD_STAFF, dept=parks)
    before = _written(world)
    with pytest.raises(PermissionDenied) as refused:
        _call(world, service, crew, Role.FIELD_STAFF)
    assert refused.value.code == "report_not_visible"
    assert _written(world) == before


def test_a_user_without_staff_profile_is_refused(world):
    stranger = tenancy_factories.user()
    with pytest.raises(PermissionDenied) as refused:
        report_add_note(report=world["report"], actor=stranger, note="x", public=True)
    assert refused.value.code == "not_staff"


@pytest.mark.parametrize("role", ROLES)
def test_phone_intake_service_by_role_and_municipality(world, role, pothole):
    data = ReportInput(
        municipality=world["city"],
        category_code=pothole.code,
        description="چاله در خیابان اصلی",
        channel=Channel.WEB,
        lat=35.70,
        lon=51.37,
    )
    count = Report.objects.count()
    if role in INTAKE_ROLES:
        report = report_register_by_phone(data=data, actor=world["staff"]["city", role])
        assert report.channel == Channel.PHONE
        with pytest.raises(PermissionDenied):
            report_register_by_phone(data=data, actor=world["staff"]["other", role])
        assert Report.objects.count() == count + 1
    else:
        with pytest.raises(PermissionDenied):
            report_register_by_phone(data=data, actor=world["staff"]["city", role])
        assert Report.objects.count() == count


@pytest.mark.parametrize("role", ROLES)
def test_holiday_and_routing_rule_services_are_the_admins(world, role):
    actor = world["staff"]["city", role]
    theirs_holiday = Holiday.objects.create(
        municipality=world["other"], jalali="1405/01/12", title="x"
    )
    theirs_rule = RoutingRule.objects.create(
        municipality=world["other"],
        name="theirs",
        department=tenancy_factories.department(world["other"], "civil-works"),
    )
    dept = world["report"].category.department
    if role not in REFERENCE_ADMIN_ROLES:
        with pytest.raises(PermissionDenied):
            holiday_create(actor=actor, jalali="1405/01/13", title="سیزده‌به‌در")
        with pytest.raises(PermissionDenied):
            routing_rule_create(actor=actor, fields={"name": "r", "department": dept})
        assert not Holiday.objects.filter(municipality=world["city"]).exists()
        assert not RoutingRule.objects.filter(municipality=world["city"]).exists()
        return
    holiday = holiday_create(actor=actor, jalali="1405/01/13", title="سیزده‌به‌در")
    rule = routing_rule_create(actor=actor, fields={"name": "r", "department": dept})
    assert holiday.municipality == rule.municipality == world["city"]
    # The same admin cannot touch another municipality's rows, whatever the caller passes.
    with pytest.raises(PermissionDenied):
        holiday_delete(actor=actor, holiday=theirs_holiday)
    with pytest.raises(PermissionDenied):
        routing_rule_toggle(actor=actor, rule=theirs_rule)
    with pytest.raises(PermissionDenied):
        routing_rule_delete(actor=actor, rule=theirs_rule)
    theirs_rule.refresh_from_db()
    assert theirs_rule.is_active and Holiday.objects.filter(pk=theirs_holiday.pk).exists()
    # ...nor have a rule send reports to another municipality's unit.
    from shahrvand.common.errors import DomainError

    with pytest.raises(DomainError):
        routing_rule_create(actor=actor, fields={"name": "x", "department": theirs_rule.department})


def test_saved_filters_are_for_staff_only(world):
    with pytest.raises(PermissionDenied):
        saved_filter_save(user=tenancy_factories.user(), name="mine", query="open_only=on")
    assert not SavedFilter.objects.exists()
    saved = saved_filter_save(
        user=world["staff"]["city", Role.OPERATOR], name=" mine ", query="open_only=on"
    )
    assert saved.name == "mine"


# --- The same refusal through the report page and the private API ------------------------------


def _api(client, user, path: str, body: dict[str, Any]) -> int:
    _, raw = ApiToken.issue(user=user, name="t")
    response = client.post(
        path, body, content_type="application/json", headers={"Authorization": f"Bearer {raw}"}
    )
    return response.status_code


@pytest.mark.parametrize("role", ROLES)
def test_page_and_api_refuse_a_category_change_alike(client, world, role):
    """Re-routing is assignment: a role outside ASSIGN_ROLES is refused on both channels
    (the API let every acting role do it before the check moved into the service)."""
    report = world["agency_report" if role == Role.AGENCY_USER else "report"]
    categories_factories.category(world["city"], "leak", "utilities")
    user = world["staff"]["city", role]
    client.force_login(user)
    page = client.post(f"/staff/reports/{report.tracking_code}/category/", {"category": "leak"})
    api = _api(
        client,
        user,
        f"/api/v1/staff/reports/{report.tracking_code}/category",
        {"category": "pothole"},
    )
    if role in ASSIGN_ROLES:
        assert (page.status_code, api) == (302, 200)
    else:
        assert (page.status_code, api) == (403, 403)


@pytest.mark.parametrize("role", ROLES)
def test_page_and_api_refuse_assignment_alike(client, world, role):
    report = world["agency_report" if role == Role.AGENCY_USER else "report"]
    dept = world["report"].category.department
    user = world["staff"]["city", role]
    client.force_login(user)
    page = client.post(f"/staff/reports/{report.tracking_code}/assign/", {"unit": f"d:{dept.pk}"})
    api = _api(
        client,
        user,
        f"/api/v1/staff/reports/{report.tracking_code}/assign",
        {"department": dept.code},
    )
    expected = (302, 200) if role in ASSIGN_ROLES else (403, 403)
    assert (page.status_code, api) == expected


@pytest.mark.parametrize("role", ROLES)
def test_page_and_api_refuse_a_note_alike(client, world, role):
    report = world["agency_report" if role == Role.AGENCY_USER else "report"]
    user = world["staff"]["city", role]
    client.force_login(user)
    page = client.post(f"/staff/reports/{report.tracking_code}/note/", {"note": "یادداشت"})
    api = _api(
        client, user, f"/api/v1/staff/reports/{report.tracking_code}/notes", {"note": "یادداشت"}
    )
    expected = (302, 201) if role in ACTING else (403, 403)
    assert (page.status_code, api) == expected


@pytest.mark.parametrize("role", ROLES)
def test_navigation_offers_exactly_the_pages_the_role_may_open(client, world, role):
    """The links of the staff shell come from tenancy.access.may: each is shown exactly
    when its page answers 200 for that role."""
    client.force_login(world["staff"]["city", role])
    nav = client.get("/staff/").content.decode()
    for url in ["/staff/intake/", "/staff/dispatch/", "/staff/field/", "/staff/holidays/"]:
        assert (f'href="{url}"' in nav) == (client.get(url).status_code == 200), url
