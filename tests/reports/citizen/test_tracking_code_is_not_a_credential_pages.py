"""On the citizen pages a tracking code shows a report; acting on it needs proof of being its
reporter: the private link from submission, the SMS link, or a one-time code to the
report's phone. Following verifies the follower's phone (issue #15 item 1, decision 0032)."""

from __future__ import annotations

import re
import time

import pytest
from django.test import Client

from shahrvand.notifications import tasks
from shahrvand.notifications.models import InboundSms, Message
from shahrvand.reports import proof
from shahrvand.reports.models import Report, ReportEvent, ReportFollower
from shahrvand.reports.services import report_transition
from shahrvand.tenancy.models import Role
from tests.identity.sms import SmsLog, sign_in
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
REPORTER = "09121112233"
NOT_REPORTER = "کد پیگیری به تنهایی"


@pytest.fixture
def sms(settings, tmp_path) -> SmsLog:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "sms.log"
    return SmsLog(settings.SHAHRVAND_SMS_LOG)


def _resolve(report: Report, city) -> Report:
    secret = report.issued_secret
    staff = tenancy_factories.staff(city)
    for status in ("assigned", "in_progress"):
        report_transition(report=report, to_status=status, actor=staff)
    report = report_transition(report=report, to_status="resolved", actor=staff, note="انجام شد")
    report.issued_secret = secret
    return report


def _resolved(city, pothole, **extra) -> Report:
    return _resolve(reports_factories.report(city, pothole, **extra), city)


def _feedback(client: Client, report: Report, accepted: bool = True):
    data = {"accepted": "yes", "rating": "1"} if accepted else {"accepted": "no", "comment": "نه"}
    return client.post(f"/track/{report.tracking_code}/feedback/", data)


def _unchanged(report: Report) -> None:
    report.refresh_from_db()
    assert report.status == "resolved" and report.satisfaction is None
    assert not report.events.filter(kind=ReportEvent.Kind.FEEDBACK).exists()


@pytest.mark.parametrize("accepted", [True, False], ids=["close-with-rating-1", "reopen"])
def test_the_code_alone_cannot_close_or_reopen(client, city, pothole, accepted):
    report = _resolved(city, pothole)
    page = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert 'name="rating"' not in page and NOT_REPORTER in page
    response = _feedback(client, report, accepted)
    assert response.status_code == 403
    assert NOT_REPORTER in response.content.decode()
    _unchanged(report)


def test_the_submitting_browser_gets_a_private_link_once_and_may_act(client, city, pothole):
    response = client.post(
        "/m/testcity/report/",
        {"category": "pothole", "description": "چاله", "lat": "35.70", "lon": "51.37"},
        follow=True,
    )
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    report = Report.objects.get()
    match = re.search(rf"/track/{report.tracking_code}/\?k=([A-Za-z0-9_-]+)", page)
    assert match and "پیوند خصوصی" in page
    secret = match.group(1)
    assert proof.secret_matches(report, secret)
    # shown once: a reload no longer carries it
    again = client.get(f"/track/{report.tracking_code}/?new=1").content.decode()
    assert secret not in again
    report = _resolve(report, city)
    assert _feedback(client, report).status_code == 302  # the same browser holds the grant
    # another browser, through the private link
    other = _resolved(city, pothole)
    stranger = Client()
    assert _feedback(stranger, other).status_code == 403
    opened = stranger.get(f"/track/{other.tracking_code}/?k={other.issued_secret}")
    assert opened.status_code == 302 and opened["Location"] == f"/track/{other.tracking_code}/"
    assert _feedback(stranger, other, accepted=False).status_code == 302
    other.refresh_from_db()
    assert other.status == "reopened"


def test_a_wrong_private_link_grants_nothing(client, city, pothole):
    report = _resolved(city, pothole)
    other = reports_factories.report(city, pothole)
    for key in ("guess", other.issued_secret, report.issued_secret[:-2], ""):
        response = client.get(f"/track/{report.tracking_code}/?k={key}", follow=True)
        assert "پیوند خصوصی برای این گزارش معتبر نیست" in response.content.decode()
    assert _feedback(client, report).status_code == 403
    _unchanged(report)


def test_the_confirmation_sms_carries_a_working_reporter_link(client, city, pothole, sms):
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    tasks.dispatch()
    [text] = sms.to(REPORTER)
    match = re.search(rf"/track/{report.tracking_code}/\?k=(\S+)", text)
    assert match, text
    assert report.issued_secret not in text  # the worker never sees the secret
    report = _resolve(report, city)
    assert client.get(f"/track/{report.tracking_code}/?k={match.group(1)}").status_code == 302
    assert _feedback(client, report).status_code == 302
    # the link names its report: it proves nothing for another one
    other = _resolved(city, pothole)
    assert not proof.link_token_matches(other, match.group(1))
    # followers' status messages never carry it
    assert not Message.objects.exclude(template_key="citizen.created").filter(body__contains="?k=")


def test_an_expired_sms_link_is_refused(city, pothole, settings):
    report = reports_factories.report(city, pothole)
    old = proof.link_token(report, now=time.time() - 31 * 86400)
    assert not proof.link_token_matches(report, old)
    assert proof.link_token_matches(report, proof.link_token(report))
    settings.SHAHRVAND_REPORTER_LINK_DAYS = 60
    assert proof.link_token_matches(report, old)


def test_a_one_time_code_to_the_reporters_phone_grants_the_browser(client, city, pothole, sms):
    report = _resolved(city, pothole, reporter_phone=REPORTER)
    page = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert "۰۹۱۲*****۳۳" in page and REPORTER not in page  # masked, Persian digits
    sent = client.post(f"/track/{report.tracking_code}/reporter-code/", follow=True)
    assert "کد تأیید به شماره" in sent.content.decode()
    text = sms.to(REPORTER)[-1]
    assert "کد تأیید شما" in text
    wrong = "000000" if sms.last_code(REPORTER) != "000000" else "111111"
    refused = client.post(f"/track/{report.tracking_code}/reporter-code/", {"code": wrong})
    assert refused.status_code == 400 and "نادرست" in refused.content.decode()
    assert _feedback(client, report).status_code == 403
    ok = client.post(
        f"/track/{report.tracking_code}/reporter-code/", {"code": sms.last_code(REPORTER)}
    )
    assert ok.status_code == 302
    assert _feedback(client, report, accepted=False).status_code == 302
    report.refresh_from_db()
    assert report.status == "reopened"
    # the grant is for this report only
    other = _resolved(city, pothole, reporter_phone=REPORTER)
    assert _feedback(client, other).status_code == 403


def test_a_report_without_a_mobile_offers_no_code(client, city, pothole, sms):
    report = _resolved(city, pothole, reporter_phone="02188776655")
    response = client.post(f"/track/{report.tracking_code}/reporter-code/")
    assert response.status_code == 403 and "۱۳۷" in response.content.decode()
    assert not sms.to("02188776655")


def test_a_signed_in_citizen_with_the_reporters_number_may_act(client, city, pothole, sms):
    report = _resolved(city, pothole, reporter_phone=REPORTER)
    sign_in(client, sms, "09127778899")
    assert _feedback(client, report).status_code == 403
    sign_in(client, sms, REPORTER)
    assert _feedback(client, report).status_code == 302


def test_following_verifies_the_followers_phone_first(client, city, pothole, sms):
    report = reports_factories.report(city, pothole)
    url = f"/track/{report.tracking_code}/follow/"
    first = client.post(url, {"phone": "09125556677"}, follow=True)
    assert "کد تأیید به شماره" in first.content.decode()
    assert not ReportFollower.objects.exists()
    assert "کد تأیید شما" in sms.to("09125556677")[-1]
    code = sms.last_code("09125556677")
    wrong = client.post(url, {"code": "000000" if code != "000000" else "111111"})
    assert wrong.status_code == 400 and not ReportFollower.objects.exists()
    # another browser cannot finish someone else's first step
    assert Client().post(url, {"code": code}).status_code in (400, 429)
    assert not ReportFollower.objects.exists()
    ok = client.post(url, {"code": code})
    assert ok.status_code == 302
    assert report.followers.get().phone == "09125556677"


def test_a_follower_cannot_close_by_sms_reply_but_the_reporter_can(city, pothole, sms, settings):
    settings.SHAHRVAND_SMS_INBOUND_TOKEN = "t0ken"
    follower = "09124443322"
    report = reports_factories.report(city, pothole, reporter_phone=REPORTER)
    ReportFollower.objects.create(report=report, phone=follower)
    report = _resolve(report, city)
    tasks.dispatch()  # both numbers get the resolution SMS
    url = "/notifications/sms/inbound/kavenegar/?token=t0ken"
    Client().post(url, {"messageid": "1", "from": follower, "message": "2"})
    report.refresh_from_db()
    assert report.status == "resolved"
    assert InboundSms.objects.get(provider_message_id="1").outcome == "not_reporter"
    Client().post(url, {"messageid": "2", "from": REPORTER, "message": "1"})
    report.refresh_from_db()
    assert report.status == "closed"


def test_an_operator_records_a_callers_feedback_on_the_report_page(client, city, pothole):
    report = _resolved(city, pothole)
    operator = tenancy_factories.staff(city, Role.OPERATOR)
    operator.first_name, operator.last_name = "رضا", "کریمی"
    operator.save()
    client.force_login(operator)
    page = client.get(f"/staff/reports/{report.tracking_code}/").content.decode()
    assert 'id="caller-feedback"' in page
    response = client.post(
        f"/staff/reports/{report.tracking_code}/caller-feedback/",
        {"accepted": "no", "comment": "تماس گرفت: هنوز چاله هست"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "reopened"
    event = report.events.get(kind=ReportEvent.Kind.FEEDBACK)
    assert event.actor == operator and event.actor_label == "رضا کریمی"
    history = client.get(f"/staff/reports/{report.tracking_code}/").content.decode()
    assert "رضا کریمی" in history
