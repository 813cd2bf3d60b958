"""Assignment gives a report to exactly one unit of its own municipality."""

from __future__ import annotations

import pytest

from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.services import report_assign
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispatcher(city):
    return tenancy_factories.staff(city, Role.DISPATCHER)


def _snapshot(report: Report) -> tuple[dict, int]:
    return Report.objects.filter(pk=report.pk).values().get(), ReportEvent.objects.count()


def test_assign_to_department_makes_it_assigned(city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    parks = tenancy_factories.department(city, "parks")

    report_assign(report=report, actor=dispatcher, department=parks, note="فضای سبز")

    report.refresh_from_db()
    assert report.status == Status.ASSIGNED
    assert report.assigned_department == parks
    assert report.assigned_agency is None
    assigned = report.events.get(kind=ReportEvent.Kind.ASSIGNED)
    assert assigned.actor == dispatcher
    assert assigned.is_public is False
    assert assigned.note == "فضای سبز"
    assert assigned.data["department"] == parks.pk
    moved = report.events.get(kind=ReportEvent.Kind.STATUS)
    assert (moved.from_status, moved.to_status) == (Status.SUBMITTED, Status.ASSIGNED)
    assert moved.is_public


def test_assign_to_agency_forwards_it_externally(city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    water = tenancy_factories.agency(city, "water")

    report_assign(report=report, actor=dispatcher, agency=water)

    report.refresh_from_db()
    assert report.status == Status.FORWARDED_EXTERNAL
    assert report.assigned_agency == water
    assert report.assigned_department is None
    assert report.events.get(kind=ReportEvent.Kind.STATUS).to_status == Status.FORWARDED_EXTERNAL
    assert report.responsible_name == water.name_fa


def test_reassigning_a_report_in_progress_keeps_its_status(city, pothole, dispatcher):
    report = reports_factories.report_in_status(city, Status.IN_PROGRESS, pothole)
    status_events = report.events.filter(kind=ReportEvent.Kind.STATUS).count()
    parks = tenancy_factories.department(city, "parks")

    report_assign(report=report, actor=dispatcher, department=parks)

    report.refresh_from_db()
    assert report.status == Status.IN_PROGRESS
    assert report.assigned_department == parks
    assert report.events.filter(kind=ReportEvent.Kind.STATUS).count() == status_events


def test_agency_to_department_moves_back_to_assigned(city, pothole, dispatcher):
    report = reports_factories.report(city, pothole)
    report_assign(report=report, actor=dispatcher, agency=tenancy_factories.agency(city))

    report_assign(report=report, actor=dispatcher, department=tenancy_factories.department(city))

    report.refresh_from_db()
    assert report.status == Status.ASSIGNED
    assert report.assigned_agency is None


@pytest.mark.parametrize("unit", ["department", "agency"])
def test_unit_of_another_municipality_is_refused(city, pothole, dispatcher, unit):
    report = reports_factories.report(city, pothole)
    other = tenancy_factories.municipality()
    foreign = (
        tenancy_factories.department(other, "parks")
        if unit == "department"
        else tenancy_factories.agency(other)
    )
    row_before, events_before = _snapshot(report)

    with pytest.raises(ReportError) as caught:
        report_assign(report=report, actor=dispatcher, **{unit: foreign})

    assert caught.value.field == "assignee"
    assert (Report.objects.filter(pk=report.pk).values().get(), ReportEvent.objects.count()) == (
        row_before,
        events_before,
    )


@pytest.mark.parametrize("both", [True, False], ids=["both", "neither"])
def test_exactly_one_unit_is_required(city, pothole, dispatcher, both):
    report = reports_factories.report(city, pothole)
    units = {
        "department": tenancy_factories.department(city),
        "agency": tenancy_factories.agency(city),
    }
    row_before, events_before = _snapshot(report)

    with pytest.raises(ReportError) as caught:
        report_assign(report=report, actor=dispatcher, **(units if both else {}))

    assert caught.value.field == "assignee"
    assert (Report.objects.filter(pk=report.pk).values().get(), ReportEvent.objects.count()) == (
        row_before,
        events_before,
    )


def test_intake_routes_to_the_categorys_unit_without_changing_status(city):
    water = tenancy_factories.agency(city, "water")
    leak = categories_factories.category(city, "leak", "utilities", agency_=water)

    report = reports_factories.report(city, leak)

    assert report.assigned_agency == water
    assert report.assigned_department is None
    assert report.status == Status.SUBMITTED
