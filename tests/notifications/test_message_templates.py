"""Templates: Persian digits and Jalali dates, English second, admin edits checked for
unknown placeholders, and a broken row never loses a message."""

from __future__ import annotations

import datetime as dt
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from shahrvand.common.persian import to_persian_digits
from shahrvand.notifications import templates
from shahrvand.notifications.defaults import DEFAULTS
from shahrvand.notifications.models import MessageTemplate
from shahrvand.reports.models import Report
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db

TEHRAN = ZoneInfo("Asia/Tehran")
ASCII_DIGIT = re.compile(r"[0-9]")


@pytest.fixture
def report(city, pothole, settings) -> Report:
    settings.SHAHRVAND_PUBLIC_URL = "https://137.example.ir/"
    created = reports_factories.report(city, pothole, reporter_phone="09121234567")
    # 1 Farvardin 1405 is 21 March 2026.
    created.deadline = dt.datetime(2026, 3, 21, 9, 5, tzinfo=TEHRAN)
    created.save()
    return created


def test_every_default_is_seeded_in_both_languages():
    seeded = set(MessageTemplate.objects.values_list("key", "channel", "language"))
    expected = {(k, c, lang) for (k, c), wordings in DEFAULTS.items() for lang in wordings}
    assert expected <= seeded
    assert {lang for _, _, lang in expected} == {"fa", "en"}


def test_defaults_use_only_known_placeholders():
    for wordings in DEFAULTS.values():
        for wording in wordings.values():
            templates.check(wording.subject)
            templates.check(wording.body)


def test_persian_message_has_persian_digits_jalali_dates_and_ascii_links(report):
    context = templates.context_for(report, lang="fa", at=report.deadline)
    template = MessageTemplate.objects.get(key="citizen.created", channel="sms", language="fa")
    template.body = "کد {tracking_code}، مهلت {deadline}، {date}\n{track_url}\n{feedback_url}"
    template.full_clean()
    template.save()

    body = templates.render(key="citizen.created", channel="sms", lang="fa", context=context).body

    code = report.tracking_code
    persian_code = "-".join(code[i : i + 4] for i in range(0, 12, 4)).translate(
        str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
    )
    first_line, track, feedback = body.split("\n")
    assert first_line == f"کد {persian_code}، مهلت ۱۴۰۵/۰۱/۰۱ ۰۹:۰۵، ۱۴۰۵/۰۱/۰۱ ۰۹:۰۵"
    assert not ASCII_DIGIT.search(first_line)
    assert track == f"https://137.example.ir/track/{code}/"
    assert feedback == f"https://137.example.ir/track/{code}/#feedback"


def test_english_message_keeps_ascii_digits_and_gregorian_dates(report, settings):
    settings.LANGUAGE_CODE = "en"
    lang = templates.language()
    context = templates.context_for(report, lang=lang, at=report.deadline)

    body = templates.render(key="citizen.created", channel="sms", lang=lang, context=context).body

    assert lang == "en"
    assert body.startswith(f"{report.municipality.name_en}: your report was registered.")
    assert report.tracking_code[:4] in body
    assert context["deadline"] == "2026-03-21 09:05"


def test_resolution_sms_tells_how_to_answer(report):
    context = templates.context_for(report, lang="fa", note="چاله با آسفالت پر شد.")

    body = templates.render(key="citizen.resolved", channel="sms", lang="fa", context=context).body

    assert "چاله با آسفالت پر شد." in body
    assert "عدد ۱" in body and "عدد ۲" in body
    assert body.endswith(f"/track/{report.tracking_code}/#feedback")


@pytest.mark.parametrize(
    "body",
    [
        "کد {tracking_cod}",
        "{tracking_code.__class__}",
        "{tracking_code[0]}",
        "{tracking_code!r}",
        "{deadline:>20}",
        "{}",
        "{0}",
        "آکولاد باز {",
    ],
)
def test_admin_cannot_save_unknown_or_unsafe_placeholders(body):
    template = MessageTemplate.objects.get(key="citizen.resolved", channel="sms", language="fa")
    template.body = body

    with pytest.raises(ValidationError) as caught:
        template.full_clean()

    assert "body" in caught.value.message_dict


def test_unknown_placeholder_error_names_it_and_the_allowed_ones():
    with pytest.raises(templates.TemplateError) as caught:
        templates.check("سلام {name}")

    assert "{name}" in caught.value.message and "{tracking_code}" in caught.value.message
    assert "Unknown placeholder {name}" in caught.value.message_en


def test_literal_braces_are_allowed_doubled():
    templates.check("{{کد}} {tracking_code}")
    assert templates.fill("{{x}} {tracking_code}", {"tracking_code": "۱"}) == "{x} ۱"


def test_template_for_an_unknown_key_is_refused():
    template = MessageTemplate(key="citizen.party", channel="sms", language="fa", body="x")

    with pytest.raises(ValidationError) as caught:
        template.full_clean()

    assert "key" in caught.value.message_dict


def test_admin_form_shows_the_error(admin_client):
    template = MessageTemplate.objects.get(key="citizen.created", channel="sms", language="fa")

    response = admin_client.post(
        f"/admin/notifications/messagetemplate/{template.pk}/change/",
        {"subject": "", "body": "کد {kod}"},
    )

    assert response.status_code == 200
    assert "{kod}" in response.content.decode()
    template.refresh_from_db()
    assert "{kod}" not in template.body


def test_row_broken_outside_the_admin_falls_back_to_the_default(report):
    MessageTemplate.objects.filter(key="citizen.created", channel="sms").update(body="{oops}")
    context = templates.context_for(report, lang="fa")

    body = templates.render(key="citizen.created", channel="sms", lang="fa", context=context).body

    name = to_persian_digits(report.municipality.name_fa)  # the factory's "شهر 7"
    assert body.startswith(f"{name}: گزارش شما ثبت شد.")
