"""From a report's change through the outbox, the task and the console provider to a
logged message; a failing gateway never blocks the report workflow."""

from __future__ import annotations

import pytest
from django.core import mail

from shahrvand.notifications import tasks
from shahrvand.notifications.models import Message, Notification
from shahrvand.outbox.publish import _listeners
from shahrvand.reports.models import ReportFollower
from shahrvand.reports.services import report_assign, report_merge, report_transition
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

REPORTER = "09121234567"


def persian(code: str) -> str:
    grouped = "-".join(code[i : i + 4] for i in range(0, 12, 4))
    return grouped.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_kick_is_registered_with_the_outbox():
    assert tasks.kick in _listeners


def test_submission_sms_with_tracking_code_is_written_and_logged(city, pothole, sms_log):
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)

    assert tasks.dispatch() == 1

    [line] = sms_log.lines()
    assert line["to"] == REPORTER
    assert persian(report.tracking_code) in line["text"]
    assert f"https://137.example.ir/track/{report.tracking_code}/" in line["text"]
    message = Message.objects.get()
    assert (message.state, message.provider, message.attempts) == ("sent", "console", 1)
    assert message.provider_message_id == line["id"]
    assert line["reference"] == str(message.pk)


def test_resolution_reaches_followers_and_merged_reporters(city, pothole, sms_log):
    staff = tenancy_factories.staff(city)
    parent = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    child = reports_factories.report(city, pothole, reporter_phone="09127654321")
    ReportFollower.objects.create(report=parent, phone="09351112233")
    report_merge(parent=parent, children=[child], actor=staff)
    for status in ("assigned", "in_progress"):
        report_transition(report=parent, to_status=status, actor=staff)
    tasks.dispatch()
    sms_log.path.unlink()

    report_transition(report=parent, to_status="resolved", actor=staff, note="چاله پر شد.")
    tasks.dispatch()

    assert {line["to"] for line in sms_log.lines()} == {REPORTER, "09127654321", "09351112233"}
    for line in sms_log.lines():
        assert persian(parent.tracking_code) in line["text"]
        assert "چاله پر شد." in line["text"]
        assert line["text"].endswith(f"/track/{parent.tracking_code}/#feedback")


def test_staff_get_in_app_notification_and_email(city, pothole, sms_log):
    manager = tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER, dept=pothole.department)
    manager.email = "manager@example.org"
    manager.save()
    report = reports_factories.report(city, pothole)

    report_assign(report=report, actor=tenancy_factories.staff(city), department=pothole.department)
    tasks.dispatch()

    notification = Notification.objects.get(user=manager)
    assert notification.report == report and notification.read_at is None
    assert persian(report.tracking_code) in notification.title
    [email] = mail.outbox
    assert email.to == ["manager@example.org"] and email.subject == notification.title
    assert f"/staff/reports/{report.tracking_code}/" in email.body
    assert (
        Message.objects.filter(channel="email").get().provider_message_id
        == email.extra_headers["Message-ID"]
    )


def test_a_failing_gateway_never_blocks_the_workflow(city, pothole, settings):
    settings.SHAHRVAND_SMS_PROVIDER = "kavenegar"
    settings.SHAHRVAND_KAVENEGAR_API_KEY = "key"
    settings.SHAHRVAND_KAVENEGAR_URL = "http://127.0.0.1:9/v1"  # nothing listens there
    settings.SHAHRVAND_KAVENEGAR_TIMEOUT = 1
    staff = tenancy_factories.staff(city)
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    report_transition(report=report, to_status="assigned", actor=staff)

    assert tasks.dispatch() == 0
    report_transition(report=report, to_status="in_progress", actor=staff)

    report.refresh_from_db()
    assert report.status == "in_progress"
    assert set(Message.objects.values_list("state", flat=True)) == {"queued"}
    assert all("network error" in m.last_error for m in Message.objects.all())


def test_misconfigured_provider_is_logged_not_raised(city, pothole, settings):
    settings.SHAHRVAND_SMS_PROVIDER = "carrier-pigeon"
    reports_factories.report(city, pothole, reporter_phone=REPORTER)

    assert tasks.dispatch() == 0

    message = Message.objects.get()
    assert message.state == "queued" and "carrier-pigeon" in message.last_error


def test_admin_pages_list_the_log(admin_client, city, pothole, sms_log):
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    tasks.dispatch()
    message = Message.objects.get(report=report)

    for model in ("message", "messagetemplate", "notification", "inboundsms"):
        assert admin_client.get(f"/admin/notifications/{model}/").status_code == 200
    page = admin_client.get(f"/admin/notifications/message/{message.pk}/change/")
    assert page.status_code == 200 and message.provider_message_id in page.content.decode()
