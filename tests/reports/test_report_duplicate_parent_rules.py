"""A duplicate points at another report of the same municipality, never at itself."""

from __future__ import annotations

import pytest

from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.services import report_transition
from shahrvand.reports.workflow import Status
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def _assert_untouched(report: Report, row_before: dict, events_before: int) -> None:
    assert Report.objects.filter(pk=report.pk).values().get() == row_before
    assert ReportEvent.objects.count() == events_before


def test_duplicate_of_same_municipality_report_links_parent(city, pothole):
    parent = reports_factories.report(city, pothole)
    child = reports_factories.report(city, pothole)

    report_transition(report=child, to_status=Status.DUPLICATE, actor=None, duplicate_of=parent)

    child.refresh_from_db()
    assert child.status == Status.DUPLICATE
    assert child.duplicate_of == parent
    assert list(parent.duplicates.all()) == [child]
    event = child.events.get(to_status=Status.DUPLICATE)
    assert event.data == {"duplicate_of": parent.tracking_code}


def test_report_cannot_be_duplicate_of_itself(city, pothole):
    report = reports_factories.report(city, pothole)
    row_before = Report.objects.filter(pk=report.pk).values().get()
    events_before = ReportEvent.objects.count()

    with pytest.raises(ReportError) as caught:
        report_transition(
            report=report, to_status=Status.DUPLICATE, actor=None, duplicate_of=report
        )

    assert caught.value.field == "duplicate_of"
    _assert_untouched(report, row_before, events_before)


def test_parent_from_another_municipality_is_refused(city, pothole):
    other_city = tenancy_factories.municipality()
    foreign_parent = reports_factories.report(other_city, categories_factories.category(other_city))
    report = reports_factories.report(city, pothole)
    row_before = Report.objects.filter(pk=report.pk).values().get()
    events_before = ReportEvent.objects.count()

    with pytest.raises(ReportError) as caught:
        report_transition(
            report=report, to_status=Status.DUPLICATE, actor=None, duplicate_of=foreign_parent
        )

    assert caught.value.field == "duplicate_of"
    _assert_untouched(report, row_before, events_before)
