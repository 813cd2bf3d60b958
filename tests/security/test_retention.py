"""Reporters of reports that ended RETENTION_DAYS ago are anonymised; the report and its
history stay."""

from __future__ import annotations

import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from shahrvand.notifications.models import InboundSms, Message
from shahrvand.reports.models import Report, ReportFollower
from shahrvand.reports.services.retention import anonymise_ended_reports
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories


def _ended(city, pothole, days_ago: int, status: str = Status.CLOSED) -> Report:
    report = reports_factories.report(
        city, pothole, reporter_name="مریم", reporter_phone="09121112233"
    )
    ended = timezone.now() - dt.timedelta(days=days_ago)
    Report.objects.filter(pk=report.pk).update(status=status, closed_at=ended, updated_at=ended)
    ReportFollower.objects.create(report=report, phone="09350001122")
    return report


def test_old_closed_reports_lose_reporter_and_followers(city, pothole, settings, caplog):
    settings.SHAHRVAND_RETENTION_DAYS = 30
    old = _ended(city, pothole, 31)
    recent = _ended(city, pothole, 29)
    still_open = reports_factories.report(city, pothole, reporter_phone="09120000000")
    events_before = old.events.count()
    with caplog.at_level("INFO", logger="shahrvand.retention"):
        assert anonymise_ended_reports() == 1
    old.refresh_from_db()
    assert (old.reporter_name, old.reporter_phone, old.reporter_phone_index) == ("", "", "")
    assert old.reporter_anonymised_at is not None
    assert not old.followers.exists()
    assert old.events.count() == events_before and old.status == Status.CLOSED
    recent.refresh_from_db()
    assert recent.reporter_phone == "09121112233" and recent.followers.count() == 1
    still_open.refresh_from_db()
    assert still_open.reporter_phone == "09120000000"
    assert "anonymised the reporters of 1 reports" in caplog.text
    assert anonymise_ended_reports() == 0  # done once


def test_sms_log_loses_the_numbers_too(city, pothole, settings):
    old = _ended(city, pothole, 400)
    Message.objects.filter(report=old).delete()
    message = Message.objects.create(
        municipality=city,
        report=old,
        template_key="citizen.created",
        channel="sms",
        recipient="09121112233",
        body="x",
        dedupe_key="e1:sms:09121112233",
        next_attempt_at=timezone.now(),
    )
    InboundSms.objects.create(
        provider="console",
        provider_message_id="m1",
        sender="09121112233",
        text="1",
        outcome=InboundSms.Outcome.ACCEPTED,
        report=old,
    )
    call_command("anonymise_reporters", "--days", "365", stdout=open("/dev/null", "w"))  # noqa: SIM115
    message.refresh_from_db()
    assert message.recipient == "" and "0912" not in message.dedupe_key
    assert InboundSms.objects.get(report=old).sender == ""


def test_rejected_and_duplicates_count_as_ended_and_zero_days_disables(city, pothole, settings):
    rejected = _ended(city, pothole, 100, Status.REJECTED)
    assert anonymise_ended_reports(days=0) == 0
    assert anonymise_ended_reports(days=50) == 1
    rejected.refresh_from_db()
    assert rejected.reporter_phone == ""


def test_other_contexts_clear_their_own_rows_through_the_hook(city, pothole, monkeypatch):
    from shahrvand.notifications.retention import anonymise_for_reports
    from shahrvand.reports.services import retention

    assert anonymise_for_reports in retention._anonymisers  # notifications' AppConfig.ready
    seen: list[int] = []
    monkeypatch.setattr(retention, "_anonymisers", [*retention._anonymisers, seen.extend])
    old = _ended(city, pothole, 400)
    assert anonymise_ended_reports(days=365) == 1
    assert seen == [old.pk]
