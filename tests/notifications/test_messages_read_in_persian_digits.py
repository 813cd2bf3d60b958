"""SMS, e-mail and in-app messages in Persian show every digit in Persian, including those
of free text the citizen typed (stored with ASCII digits); links stay ASCII.

Decision: the tracking code in a Persian SMS is written in Persian digits too. Every form
that takes a code back (tracking page, SMS reply, call centre) normalises Persian digits to
ASCII, and each message carries the ASCII link, so nothing has to be retyped in Latin."""

from __future__ import annotations

import re

import pytest

from shahrvand.common.persian import normalize_text
from shahrvand.notifications import templates
from shahrvand.notifications.defaults import DEFAULTS
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db
URL = re.compile(r"https?://\S+")


def _without_links(text: str) -> str:
    return URL.sub("", text)


def test_every_persian_message_has_only_persian_digits_outside_its_links(city, pothole, settings):
    settings.SHAHRVAND_PUBLIC_URL = "https://137.example.ir"
    report = reports_factories.report(
        city,
        pothole,
        description=normalize_text("چاله جلوی پلاک ۱۲"),
        address=normalize_text("خیابان آزادی، کوچه ۵، پلاک ۱۲"),
        reporter_phone="09121234567",
    )
    assert report.address.endswith("کوچه 5، پلاک 12")  # storage keeps ASCII
    context = templates.context_for(
        report, lang="fa", note=normalize_text("۲ متر آسفالت شد"), at=report.created_at
    )
    context = templates.reporter_context("citizen.created", report, context)
    assert context["address"] == "خیابان آزادی، کوچه ۵، پلاک ۱۲"
    assert context["note"] == "۲ متر آسفالت شد"
    for key, channel in DEFAULTS:
        rendered = templates.render(key=key, channel=channel, lang="fa", context=context)
        for text in (rendered.subject, rendered.body):
            assert not re.search(r"[0-9]", _without_links(text)), (key, channel, text)
            for link in URL.findall(text):
                assert link.isascii(), link


def test_english_messages_keep_ascii_digits(city, pothole, settings):
    settings.LANGUAGE_CODE = "en"
    report = reports_factories.report(city, pothole, address="Azadi St, alley 5, no. 12")
    context = templates.context_for(report, lang="en", note="2 m patched")
    assert context["address"] == "Azadi St, alley 5, no. 12"
    assert context["note"] == "2 m patched"
