"""History entries are written once: no edit, no delete, through the model."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import AppendOnlyError, ReportEvent
from shahrvand.reports.services import report_transition
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db


def test_saving_an_existing_event_raises_and_keeps_the_stored_text(city, pothole):
    report = reports_factories.report(city, pothole)
    event = report.events.get()
    original = event.note

    event.note = "بازنویسی تاریخچه"
    with pytest.raises(AppendOnlyError):
        event.save()

    assert ReportEvent.objects.get(pk=event.pk).note == original


def test_deleting_an_event_raises_and_keeps_the_row(city, pothole):
    report = reports_factories.report(city, pothole)
    event = report.events.get()

    with pytest.raises(AppendOnlyError):
        event.delete()

    assert ReportEvent.objects.filter(pk=event.pk).exists()


def test_each_service_call_adds_rows_and_keeps_the_earlier_ones(city, pothole):
    report = reports_factories.report(city, pothole)
    first = list(report.events.values_list("pk", "kind", "note"))

    report_transition(report=report, to_status=Status.TRIAGED, actor=None, note="بررسی")

    rows = list(report.events.order_by("created_at", "id").values_list("pk", "kind", "note"))
    assert rows[: len(first)] == first
    assert len(rows) == len(first) + 1
