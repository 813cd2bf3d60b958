"""Every link that leaves the site (SMS, e-mail, in-app alerts, payment callbacks) names the
public address: SHAHRVAND_PUBLIC_URL, or the municipality's own `public_url` when it has its
own domain — never the host a worker runs on (tenancy.links)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from shahrvand.analytics.mining.alerts import _message_text
from shahrvand.analytics.mining.models import Alert
from shahrvand.notifications import tasks, templates
from shahrvand.notifications.defaults import DEFAULTS
from shahrvand.notifications.models import Message
from shahrvand.payments.services.start import callback_url_for
from shahrvand.reports.services import report_assign
from shahrvand.tenancy.links import public_url
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db

SETTING = "https://137.example.ir"
OWN = "https://shahrvand.karaj.ir"
URL = re.compile(r"https?://[^\s]+")


@pytest.fixture(params=["setting", "override"])
def case(request, city, settings):
    """(municipality, expected origin): once with the setting, once with the city's own."""
    settings.SHAHRVAND_PUBLIC_URL = SETTING + "/"
    if request.param == "override":
        city.public_url = OWN + "/"
        city.save()
        return city, OWN
    return city, SETTING


def _links(text: str) -> list[str]:
    return URL.findall(text)


def _assert_public(text: str, origin: str) -> None:
    assert "127.0.0.1" not in text and "localhost" not in text and "testserver" not in text
    for link in _links(text):
        assert link.startswith(origin + "/"), link
        assert "//" not in link.removeprefix("https://"), link  # no doubled slash


def test_public_url_joins_base_and_path_once(city, settings):
    settings.SHAHRVAND_PUBLIC_URL = SETTING + "/"
    assert public_url(None, "/track/x/") == SETTING + "/track/x/"
    assert public_url(city, "track/x/") == SETTING + "/track/x/"
    city.public_url = OWN
    assert public_url(city, "/track/x/") == OWN + "/track/x/"
    assert public_url(city, "https://cdn.example.ir/a.jpg") == "https://cdn.example.ir/a.jpg"


def test_every_message_kind_links_to_the_public_address(case, pothole):
    municipality, origin = case
    report = reports_factories.report(municipality, pothole, reporter_phone="09121234567")
    with_links = 0
    for (key, channel), wordings in DEFAULTS.items():
        for lang in wordings:
            context = templates.context_for(report, lang=lang, status="resolved", note="x")
            context = templates.reporter_context(key, report, context)
            rendered = templates.render(key=key, channel=channel, lang=lang, context=context)
            text = f"{rendered.subject}\n{rendered.body}"
            _assert_public(text, origin)
            with_links += bool(_links(text))
    assert with_links >= len(DEFAULTS)  # most kinds carry a link; all that do were checked
    for name in ("track_url", "feedback_url", "staff_url"):
        assert context[name].startswith(origin + "/")


def test_the_reporters_private_link_in_the_sms_names_the_public_address(case, pothole):
    municipality, origin = case
    report = reports_factories.report(municipality, pothole, reporter_phone="09121234567")
    context = templates.reporter_context(
        "citizen.created", report, templates.context_for(report, lang="fa")
    )
    assert context["reporter_url"].startswith(f"{origin}/track/{report.tracking_code}/?k=")


def test_sent_sms_email_and_in_app_messages_use_the_public_address(case, pothole, sms_log):
    municipality, origin = case
    manager = tenancy_factories.staff(
        municipality, Role.DEPARTMENT_MANAGER, dept=pothole.department
    )
    manager.email = "manager@example.org"
    manager.save()
    report = reports_factories.report(municipality, pothole, reporter_phone="09121234567")
    report_assign(
        report=report, actor=tenancy_factories.staff(municipality), department=pothole.department
    )
    mail.outbox.clear()
    tasks.dispatch()
    sms = [line["text"] for line in sms_log.lines()]
    emails = list(mail.outbox)
    stored = list(Message.objects.values_list("body", flat=True))
    assert sms and emails and stored
    assert any(f"{origin}/track/{report.tracking_code}/?k=" in text for text in sms)
    assert any(f"{origin}/staff/" in e.body for e in emails)
    for text in [*sms, *(e.body for e in emails), *stored]:
        _assert_public(text, origin)
    for email in emails:
        assert "127.0.0.1" not in email.extra_headers["Message-ID"]


def test_the_mining_alert_links_to_the_public_address(case):
    municipality, origin = case
    alert = Alert(municipality=municipality, day=dt.date(2026, 11, 21), observed=9, expected=2.0)
    _, body = _message_text(alert, "چاله")
    assert len(_links(body)) == 1
    _assert_public(body, origin)


def test_payment_callbacks_come_back_to_the_public_address(case):
    municipality, origin = case
    url = callback_url_for("zarinpal", municipality)
    assert url.startswith(origin + "/") and "127.0.0.1" not in url
    assert callback_url_for("sandbox", municipality).startswith("/")  # same site


def test_another_city_keeps_the_setting(settings):
    settings.SHAHRVAND_PUBLIC_URL = SETTING
    own = tenancy_factories.municipality("karaj")
    own.public_url = OWN
    own.save()
    plain = tenancy_factories.municipality("varamin")
    assert public_url(own, "/x") == OWN + "/x" and public_url(plain, "/x") == SETTING + "/x"
