"""History entries are written once: no edit, no delete, through the model or a queryset."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shahrvand.reports.models import AppendOnlyError, Report, ReportEvent
from shahrvand.reports.services import report_transition
from shahrvand.reports.services.retention import anonymise_ended_reports
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


def test_bulk_update_of_events_raises_and_keeps_the_rows(city, pothole):
    report = reports_factories.report(city, pothole)
    original = list(report.events.values_list("pk", "note"))

    with pytest.raises(AppendOnlyError):
        ReportEvent.objects.filter(report=report).update(note="بازنویسی تاریخچه")
    with pytest.raises(AppendOnlyError):
        report.events.update(note="بازنویسی تاریخچه")

    assert list(report.events.values_list("pk", "note")) == original


def test_bulk_delete_of_events_raises_and_keeps_the_rows(city, pothole):
    report = reports_factories.report(city, pothole)
    count = ReportEvent.objects.count()

    with pytest.raises(AppendOnlyError):
        ReportEvent.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        report.events.all().delete()

    assert ReportEvent.objects.count() == count


def test_seeding_may_backdate_events_through_the_named_method_only(city, pothole):
    report = reports_factories.report(city, pothole)
    event = report.events.get()
    past = event.created_at - dt.timedelta(days=30)

    assert ReportEvent.objects.filter(pk=event.pk).backdate_for_seeding(past) == 1

    stored = ReportEvent.objects.get(pk=event.pk)
    assert stored.created_at == past
    assert (stored.kind, stored.note) == (event.kind, event.note)


def test_retention_anonymises_a_report_and_keeps_its_history(city, pothole):
    report = reports_factories.report_in_status(
        city, Status.CLOSED, pothole, reporter_name="مریم", reporter_phone="09121234567"
    )
    history = list(report.events.values_list("pk", "kind", "actor_label", "note", "created_at"))
    Report.objects.filter(pk=report.pk).update(closed_at=timezone.now() - dt.timedelta(days=400))

    assert anonymise_ended_reports(days=365) == 1

    report.refresh_from_db()
    assert report.reporter_anonymised_at is not None
    assert (report.reporter_name, report.reporter_phone) == ("", "")
    assert (
        list(report.events.values_list("pk", "kind", "actor_label", "note", "created_at"))
        == history
    )
