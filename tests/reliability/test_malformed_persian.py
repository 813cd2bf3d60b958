"""Malformed Persian text at intake, search and tracking: never a 5xx, and what is stored
is the normalised form (Persian letters, one ZWNJ, no direction overrides, no controls).

Each string is sent through the API (JSON), Open311 (form) and the citizen form, then
looked up through the staff search, the public tracking API and the tracking page.
"""

from __future__ import annotations

import json
import urllib.parse

import pytest
from django.db.models import Q

from shahrvand.api.models import ApiToken
from shahrvand.common.persian import normalize_text
from shahrvand.open311.keys import api_client_create
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

RLO, ZWNJ = "\u202e", "\u200c"
# (case id, text as sent, a substring the stored description must contain)
TEXTS = [
    ("arabic-letters", "چاله بزرگ در خيابان كريمخان", "خیابان کریمخان"),
    (
        "zwnj-abuse",
        f"{ZWNJ}{ZWNJ}چاله {ZWNJ}{ZWNJ}می{ZWNJ}{ZWNJ}{ZWNJ}خواهد پر شود{ZWNJ}",
        "می\u200cخواهد",
    ),
    ("rtl-override", f"چاله در خیابان {RLO}txe.exe{RLO} آزادی", "خیابان txe.exe آزادی"),
    ("bidi-isolates", "چاله \u2067خیابان\u2069 \u2066انقلاب\u2069 عمیق", "چاله خیابان انقلاب عمیق"),
    ("nul-bytes", "چاله\x00 بزرگ\x00 در خیابان", "چاله بزرگ در خیابان"),
    ("control-chars", "چاله\x07 بزرگ\x1b[31m در خیابان", "چاله بزرگ[31m در خیابان"),
    ("emoji", "چاله 🕳️ خطرناک 👷🏽‍♀️ در خیابان", "🕳"),
    ("combining-marks", "چالهٌّ بزرگَ در خیابان" + "\u0301" * 40 + " e\u0301", "چاله بزرگ در خیابان"),
    ("tatweel-and-digits", "چـــاله جلوی پلاک ۱۲ و ٣٤", "چاله جلوی پلاک 12 و 34"),
    ("lone-surrogate", "چاله \ud800 در خیابان \udfff", "چاله در خیابان"),
    ("only-invisible", f"{ZWNJ}{RLO}\u200b\x00 ", None),  # nothing left: refused
    ("100k-chars", "چاله " * 20_000, None),  # far over 4000: refused
]
IDS = [t[0] for t in TEXTS]


@pytest.fixture
def token(city) -> str:
    user = tenancy_factories.staff(city, Role.DISPATCHER)
    return ApiToken.issue(user=user, name="malformed")[1]


def _form(data: dict) -> str:
    """URL-encode as a broken client would: a lone surrogate goes out as the invalid UTF-8
    bytes %ED%A0%80 (Django's test client cannot encode it at all)."""
    return urllib.parse.urlencode(data, encoding="utf-8", errors="surrogatepass")


FORM = "application/x-www-form-urlencoded"


def _persian(message: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in message)


def _raw_json(payload: dict) -> str:
    # json.dumps escapes lone surrogates as \ud800, exactly as a broken client would send
    return json.dumps(payload, ensure_ascii=True)


def _stored(description_part: str) -> Report:
    return Report.objects.get(Q(description__contains=description_part))


def _check_stored(report: Report, expected: str) -> None:
    assert expected in report.description
    assert report.description == normalize_text(report.description)
    for bad in (RLO, "\u2066", "\u2067", "\u2069", "\x00", "\x07", "\ud800", "\u0640"):
        assert bad not in report.description
        assert bad not in report.search_text


@pytest.mark.parametrize(("case", "text", "expected"), TEXTS, ids=IDS)
def test_api_intake(client, city, pothole, case, text, expected):
    response = client.post(
        "/api/v1/public/reports",
        _raw_json(
            {
                "municipality": city.slug,
                "category": pothole.code,
                "description": text,
                "reporter_name": text[:100],
                "address": text[:300],
                "lat": 35.70,
                "lon": 51.38,
            }
        ),
        content_type="application/json",
    )
    assert response.status_code < 500
    if expected is None or (case == "lone-surrogate" and response.status_code == 400):
        # the JSON parser refuses text that is not valid Unicode: a 400, in Persian too
        assert response.status_code == 400
        assert _persian(response.json()["message"])
        assert Report.objects.count() == 0
        return
    assert response.status_code == 201, response.content
    report = Report.objects.get(tracking_code=response.json()["tracking_code"])
    _check_stored(report, expected)
    assert "\x00" not in report.reporter_name and RLO not in report.address


@pytest.mark.parametrize(("case", "text", "expected"), TEXTS, ids=IDS)
def test_open311_intake(client, city, pothole, case, text, expected):
    key = api_client_create(name="malformed", municipality=city)[1]
    response = client.post(
        "/open311/v2/requests.json",
        _form(
            {
                "api_key": key,
                "jurisdiction_id": city.slug,
                "service_code": pothole.code,
                "description": text,
                "first_name": text[:50],
                "address_string": text[:200],
                "lat": "35.70",
                "long": "51.38",
            }
        ),
        content_type=FORM,
    )
    assert response.status_code < 500
    if expected is None or case == "nul-bytes":
        # Open311 parameters refuse NUL outright (the spec's error list, Persian included)
        assert response.status_code == 400
        assert _persian(response.json()[0]["description"])
        assert Report.objects.count() == 0
        return
    assert response.status_code == 200, response.content
    report = Report.objects.get(tracking_code=response.json()[0]["service_request_id"])
    _check_stored(report, expected)


@pytest.mark.parametrize(("case", "text", "expected"), TEXTS, ids=IDS)
def test_citizen_form_intake(client, city, pothole, case, text, expected):
    response = client.post(
        f"/m/{city.slug}/report/",
        _form(
            {
                "category": pothole.code,
                "description": text,
                "reporter_name": text[:100],
                "lat": "35.70",
                "lon": "51.38",
            }
        ),
        content_type=FORM,
    )
    assert response.status_code < 500
    if response.status_code == 400:
        # Django's form fields refuse NUL characters and over-long text outright
        messages = [m for errors in response.context["form"].errors.values() for m in errors]
        assert messages and all(_persian(m) for m in messages), messages
        assert Report.objects.count() == 0
        return
    assert expected is not None
    assert response.status_code == 302
    _check_stored(Report.objects.get(), expected)


@pytest.mark.parametrize(("case", "text", "expected"), TEXTS, ids=IDS)
def test_search_and_tracking(client, city, pothole, token, case, text, expected):
    reports_factories.report(city, pothole, description="چاله بزرگ در خیابان کریمخان")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    short = text[:500]
    in_path = urllib.parse.quote(short.replace("/", "")[:100], errors="surrogatepass")
    for response in (
        client.get("/api/v1/staff/reports?" + _form({"q": short}), **headers),
        client.get(
            "/api/v1/staff/reports?" + _form({"q": text[:2000], "category": short}), **headers
        ),
        client.get("/api/v1/public/reports/" + in_path),
        client.get("/track/" + in_path + "/"),
        client.get("/track/?" + _form({"code": short})),
        client.get("/open311/v2/requests.json?" + _form({"jurisdiction_id": short})),
        client.get("/open311/v2/requests.xml?" + _form({"service_request_id": short})),
        client.get(f"/m/{city.slug}/suggest/?" + _form({"description": short})),
        client.get(
            f"/m/{city.slug}/nearby/?"
            + _form({"category": short, "lat": "35.7", "lon": "51.38", "description": short})
        ),
    ):
        assert response.status_code < 500, (response.request, response.content[:300])


def test_arabic_spelling_finds_the_persian_report(client, city, pothole, token):
    report = reports_factories.report(city, pothole, description="چاله بزرگ در خیابان کریمخان")
    response = client.get(
        "/api/v1/staff/reports",
        {"q": "خيابان كريمخان"},  # Arabic yeh and kaf, as typed on an Arabic keyboard
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200
    assert [r["tracking_code"] for r in response.json()["items"]] == [report.tracking_code]


def test_tracking_code_in_persian_digits_with_rtl_marks(client, city, pothole):
    report = reports_factories.report(city, pothole)
    typed = "\u202b" + report.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.get("/track/", {"code": typed})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/track/{report.tracking_code}/")


def test_a_value_the_database_refuses_is_a_400_not_a_500(client, city, token, monkeypatch):
    """PostgreSQL refuses NUL in text with DataError (SQLite stores it): the API answers
    400 in Persian on both databases."""
    from django.db import DataError

    def refuse(*args, **kwargs):
        raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")

    monkeypatch.setattr("shahrvand.api.private.reports_visible_to", refuse)
    response = client.get(
        "/api/v1/staff/reports", {"category": "pot\x00hole"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"
    assert _persian(response.json()["message"])
