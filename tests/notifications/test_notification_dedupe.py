"""An event is announced once per number and channel, however often it is processed."""

from __future__ import annotations

import pytest

from shahrvand.notifications import delivery, tasks
from shahrvand.notifications.models import HandledEvent, Message
from shahrvand.outbox.models import OutboxEvent
from shahrvand.reports.models import ReportFollower
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_processing_an_event_again_creates_no_second_message(city, pothole, sms_log):
    reports_factories.report(city, pothole, reporter_phone="09121111111")
    assert delivery.fan_out() == 1

    event = OutboxEvent.objects.get()
    HandledEvent.objects.all().delete()  # as if a second worker raced the first
    assert delivery.fan_out() == 1
    assert delivery.plan_event(event) == 1  # tried again: the unique key absorbs it

    assert Message.objects.count() == 1
    tasks.dispatch()
    tasks.dispatch()
    assert len(sms_log.lines()) == 1


def test_one_person_on_several_lists_gets_one_sms(city, pothole, sms_log):
    parent = reports_factories.report(city, pothole, reporter_phone="09121111111")
    child = reports_factories.report(city, pothole, reporter_phone="0912 111 1111")
    ReportFollower.objects.create(report=parent, phone="09121111111")
    ReportFollower.objects.create(report=child, phone="09121111111")
    from shahrvand.reports.services import report_merge

    report_merge(parent=parent, children=[child], actor=tenancy_factories.staff(city))
    tasks.dispatch()
    sms_log.path.unlink()

    from shahrvand.reports.services import report_transition

    report_transition(report=parent, to_status="rejected", actor=None, note="تکراری نیست")
    tasks.dispatch()

    assert len(sms_log.to("09121111111")) == 1


def test_stale_events_are_not_announced(city, pothole):
    import datetime as dt

    from django.utils import timezone

    reports_factories.report(city, pothole, reporter_phone="09121111111")
    OutboxEvent.objects.update(created_at=timezone.now() - delivery.FRESH_FOR - dt.timedelta(1))

    assert delivery.fan_out() == 0
    assert not Message.objects.exists()
