"""Replying 1 or 2 to the resolution SMS closes or reopens the report it was about."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from shahrvand.notifications import tasks
from shahrvand.notifications.models import InboundSms, Message
from shahrvand.notifications.replies import parse_answer
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_feedback, report_merge, report_transition
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

TOKEN = "s3cret-token"
URL = "/notifications/sms/inbound/kavenegar/"
REPORTER = "09121234567"
_ids = iter(range(1_000_000, 2_000_000))


@pytest.fixture(autouse=True)
def _token(settings: Any, sms_log: Any) -> None:
    settings.SHAHRVAND_SMS_INBOUND_TOKEN = TOKEN


def resolved_report(city: Any, phone: str = REPORTER) -> Report:
    staff = tenancy_factories.staff(city)
    report = reports_factories.report(city, reporter_phone=phone)
    for status in ("assigned", "in_progress"):
        report_transition(report=report, to_status=status, actor=staff)
    report_transition(report=report, to_status="resolved", actor=staff, note="انجام شد")
    tasks.dispatch()
    return report


def reply(text: str, sender: str = REPORTER, message_id: str | None = None, token: str = TOKEN):
    return Client().post(
        f"{URL}?token={token}",
        {
            "messageid": message_id or str(next(_ids)),
            "from": sender,
            "to": "10004346",
            "message": text,
        },
    )


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("1", True),
        ("۱", True),
        ("١", True),
        (" ۱ \n", True),
        ("1.", True),
        ("2", False),
        ("۲", False),
        ("\u200f٢ ", False),
        ("12", None),
        ("3", None),
        ("بله", None),
        ("", None),
    ],
)
def test_parse_answer(text, answer):
    assert parse_answer(text) is answer


def test_reply_1_closes_the_report_without_a_rating(city, pothole):
    report = resolved_report(city)

    response = reply("۱")

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == Status.CLOSED and report.satisfaction is None
    feedback = report.events.get(kind="feedback")
    assert feedback.data == {"accepted": True, "rating": None, "via": "sms"}
    inbound = InboundSms.objects.get()
    assert (inbound.outcome, inbound.report) == ("accepted", report)


def test_reply_2_reopens_the_report(city, pothole):
    report = resolved_report(city)

    reply(" ۲ ", sender="+989121234567")

    report.refresh_from_db()
    assert report.status == Status.REOPENED
    assert InboundSms.objects.get().outcome == "disputed"


def test_the_most_recent_resolution_decides_the_report(city, pothole):
    older = resolved_report(city)
    newer = resolved_report(city)

    reply("1")

    older.refresh_from_db()
    newer.refresh_from_db()
    assert (older.status, newer.status) == (Status.RESOLVED, Status.CLOSED)


def test_reply_from_a_merged_reporter_answers_for_the_parent(city, pothole):
    staff = tenancy_factories.staff(city)
    parent = reports_factories.report(city, reporter_phone=REPORTER)
    child = reports_factories.report(city, reporter_phone="09127654321")
    report_merge(parent=parent, children=[child], actor=staff)
    for status in ("assigned", "in_progress"):
        report_transition(report=parent, to_status=status, actor=staff)
    report_transition(report=parent, to_status="resolved", actor=staff, note="انجام شد")
    tasks.dispatch()

    reply("2", sender="09127654321")

    parent.refresh_from_db()
    child.refresh_from_db()
    assert parent.status == Status.REOPENED and child.status == Status.DUPLICATE


def test_repeated_messageid_is_ignored(city, pothole):
    report = resolved_report(city)
    reply("2", message_id="777")
    report_transition(report=report, to_status="resolved", actor=None, note="دوباره")

    response = reply("2", message_id="777")

    assert response.status_code == 200
    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    assert InboundSms.objects.count() == 1


def test_bad_or_missing_token_is_refused(city, pothole, settings):
    report = resolved_report(city)

    assert reply("1", token="wrong").status_code == 403
    assert (
        Client().post(URL, {"messageid": "1", "from": REPORTER, "message": "1"}).status_code == 403
    )
    settings.SHAHRVAND_SMS_INBOUND_TOKEN = ""
    assert reply("1", token="").status_code == 403

    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    assert not InboundSms.objects.exists()


def test_missing_fields_are_a_bad_request():
    response = Client().post(f"{URL}?token={TOKEN}", {"message": "1"})

    assert response.status_code == 400


def test_unknown_reply_gets_one_help_sms_per_resolution(city, pothole, sms_log):
    report = resolved_report(city)
    sms_log.path.unlink()

    reply("ممنون، ولی هنوز کامل نیست")
    reply("?")
    tasks.dispatch()

    [help_text] = sms_log.to(REPORTER)
    assert "عدد ۱" in help_text
    assert help_text.endswith(f"/track/{report.tracking_code}/#feedback")
    report.refresh_from_db()
    assert report.status == Status.RESOLVED
    assert list(InboundSms.objects.values_list("outcome", flat=True)) == ["not_understood"] * 2


def test_reply_after_the_report_was_answered_on_the_web_changes_nothing(city, pothole):
    report = resolved_report(city)
    report_feedback(report=report, accepted=True, rating=5)

    reply("2")

    report.refresh_from_db()
    assert report.status == Status.CLOSED
    inbound = InboundSms.objects.get()
    assert inbound.outcome == "not_awaiting" and inbound.detail


def test_reply_from_a_number_without_a_resolution_message(city, pothole):
    resolved_report(city)

    reply("1", sender="09350000000")
    reply("1", sender="1000")

    assert set(InboundSms.objects.values_list("outcome", flat=True)) == {"no_report"}
    assert not Message.objects.filter(template_key="citizen.reply_help").exists()


def test_web_feedback_still_needs_a_rating(city, pothole):
    from shahrvand.reports.errors import ReportError

    report = resolved_report(city)

    with pytest.raises(ReportError):
        report_feedback(report=report, accepted=True, rating=None, via="web")
