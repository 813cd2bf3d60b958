"""POST /requests: keys, rate limit, attributes, media, validation — and no partial records."""

from __future__ import annotations

import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from shahrvand.open311.keys import api_client_create, api_client_revoke
from shahrvand.reports.models import Attachment, Report, ReportEvent
from shahrvand.reports.services import report_transition
from tests.tenancy import factories as tenancy_factories

from .support import parse, png_bytes, stringify, validate

pytestmark = pytest.mark.django_db
FORMATS = ["json", "xml"]
WEST = {"lat": "35.70", "long": "51.37"}


def form(key, **extra):
    base = {
        "api_key": key,
        "service_code": "pothole",
        "description": "چاله عمیق جلوی مدرسه",
        "first_name": "Reza",
        "last_name": "Karimi",
        "phone": "09351112233",
        "email": "reza@example.org",
        "address_string": "خیابان انقلاب، تهران",
        **WEST,
    }
    base.update(extra)
    return {k: v for k, v in base.items() if v is not None}


def error_of(response, fmt, status):
    assert response.status_code == status, response.content.decode()
    root, data = parse(response, fmt)
    if fmt == "json":
        validate("errors.json", data)
        assert data[0]["code"] == status
    else:
        assert root == "errors" and data[0]["code"] == str(status)
    return data[0]["description"]


def nothing_written():
    assert Report.objects.count() == 0
    assert ReportEvent.objects.count() == 0
    assert Attachment.objects.count() == 0


@pytest.mark.parametrize("fmt", FORMATS)
def test_create_returns_the_tracking_code(o311, pothole, app_key, fmt):
    client, key = app_key
    response = o311.post(fmt, **form(key))
    assert response.status_code == 200, response.content.decode()
    root, data = parse(response, fmt)
    if fmt == "json":
        validate("post-result.json", data)
    else:
        assert root == "service_requests"
    (created,) = data
    report = Report.objects.get()
    assert created["service_request_id"] == report.tracking_code
    assert created["account_id"] is None and "token" not in created
    assert "72" in created["service_notice"]
    assert report.channel == "api" and report.external_app == client.name
    assert report.reporter_name == "Reza Karimi" and report.reporter_phone == "09351112233"
    assert report.address == "خیابان انقلاب، تهران"
    assert report.district.number == 1
    # and it reads back, without the reporter
    body = o311.get(f"requests/{report.tracking_code}", fmt).content.decode()
    assert "Reza" not in body and "Karimi" not in body and "reza@example.org" not in body
    assert "9351112233" not in body


def test_json_and_xml_post_answers_match(o311, pothole, app_key):
    _, key = app_key
    _, json_data = parse(o311.post("json", **form(key)), "json")
    _, xml_data = parse(o311.post("xml", **form(key)), "xml")
    assert set(json_data[0]) == set(xml_data[0])
    assert stringify(json_data)[0]["service_notice"] == xml_data[0]["service_notice"]


def test_api_key_may_come_in_the_query_string(client, pothole, app_key):
    _, key = app_key
    data = form(None)
    response = client.post(f"/open311/v2/requests.json?api_key={key}", data)
    assert response.status_code == 200


def test_csrf_does_not_apply(pothole, app_key):
    _, key = app_key
    strict = Client(enforce_csrf_checks=True)
    assert strict.post("/open311/v2/requests.json", form(key)).status_code == 200


@pytest.mark.parametrize("fmt", FORMATS)
def test_missing_invalid_and_revoked_keys_are_403(o311, pothole, app_key, fmt):
    client, key = app_key
    assert "api_key is required" in error_of(o311.post(fmt, **form(None)), fmt, 403)
    assert "invalid or revoked" in error_of(o311.post(fmt, **form("nope")), fmt, 403)
    api_client_revoke(client=client)
    assert "invalid or revoked" in error_of(o311.post(fmt, **form(key)), fmt, 403)
    nothing_written()


def test_key_limited_to_another_municipality_is_403(o311, pothole):
    other = tenancy_factories.municipality("othercity")
    _, key = api_client_create(name="Karaj only", municipality=other)
    assert "not valid for jurisdiction_id 'testcity'" in error_of(
        o311.post("json", **form(key)), "json", 403
    )
    nothing_written()


def test_rate_limit_per_key(o311, pothole, app_key, settings):
    settings.SHAHRVAND_OPEN311_POST_RATE = "3/m"
    _, key = app_key
    _, other_key = api_client_create(name="Other app")
    for _ in range(3):
        assert o311.post("json", **form(key)).status_code == 200
    response = o311.post("json", **form(key))
    assert "rate limit exceeded" in error_of(response, "json", 429)
    assert 1 <= int(response["Retry-After"]) <= 60
    assert o311.post("json", **form(other_key)).status_code == 200
    assert Report.objects.count() == 4


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    ("extra", "status", "fragment"),
    [
        ({"service_code": None}, 400, "service_code is required"),
        ({"service_code": "unicorns"}, 404, "service_code 'unicorns' not found"),
        ({"jurisdiction_id": "atlantis"}, 404, "jurisdiction_id 'atlantis' not found"),
        ({"lat": None, "long": None}, 400, "lat and long are required"),
        ({"long": None}, 400, "lat and long must be given together"),
        ({"lat": "abc"}, 400, "lat must be a number"),
        ({"long": "200"}, 400, "long must be between"),
        ({"lat": "35.90", "long": "51.90"}, 400, "outside the districts"),
        ({"description": ""}, 400, "description is required"),
        ({"description": "x" * 4001}, 400, "longer than 4000"),
        ({"phone": "12"}, 400, "phone number"),
        ({"media_url": "javascript:alert(1)"}, 400, "media_url"),
        ({"media_url": "ftp://example.org/a.jpg"}, 400, "media_url"),
        ({"media_url": "https://example.org/" + "a" * 600}, 400, "media_url"),
        ({"description": "bad\x00byte"}, 400, "NUL"),
    ],
)
def test_invalid_posts_are_refused_and_store_nothing(
    o311, pothole, app_key, fmt, extra, status, fragment
):
    _, key = app_key
    assert fragment in error_of(o311.post(fmt, **form(key, **extra)), fmt, status)
    nothing_written()


def test_domain_errors_carry_the_persian_message_too(o311, pothole, app_key):
    _, key = app_key
    description = error_of(o311.post("json", **form(key, description="x" * 4001)), "json", 400)
    assert description == (
        "The description is longer than 4000 characters. (شرح گزارش بیش از ۴۰۰۰ نویسه است.)"
    )


def light_form(key, **attributes):
    return form(key, service_code="streetlight", **{"attribute[pole_id]": "P-1024", **attributes})


def test_attributes_are_checked_and_stored(client, streetlight, app_key):
    _, key = app_key
    data = light_form(key, **{"attribute[kind]": "blinking", "attribute[height]": "7.5"})
    data["attribute[hazards][]"] = ["wire", "dark"]
    response = client.post("/open311/v2/requests.json", data)
    assert response.status_code == 200, response.content.decode()
    report = Report.objects.get()
    assert report.attribute_values == {
        "pole_id": "P-1024",
        "kind": "blinking",
        "hazards": ["wire", "dark"],
        "height": "7.5",
    }
    path = f"/open311/v2/requests/{report.tracking_code}.json"
    (item,) = parse(client.get(path, {"extensions": "true"}), "json")[1]
    expected = {"code": "kind", "label": "نوع خرابی", "name": "چشمک‌زن", "value": "blinking"}
    assert expected in item["attributes"]


@pytest.mark.parametrize(
    ("attributes", "fragment"),
    [
        ({"attribute[pole_id]": ""}, "attribute[pole_id] is required"),
        ({"attribute[kind]": "exploded"}, "attribute[kind]: 'exploded' is not one of"),
        ({"attribute[hazards][]": ["wire", "fire"]}, "attribute[hazards]: 'fire'"),
        ({"attribute[height]": "tall"}, "attribute[height] must be a number"),
        ({"attribute[colour]": "red"}, "attribute[colour] is not an attribute"),
        ({"attribute[kind]": ["off", "blinking"]}, "attribute[kind] takes a single value"),
    ],
)
def test_bad_attributes_are_400_naming_the_attribute(
    client, streetlight, app_key, attributes, fragment
):
    _, key = app_key
    response = client.post("/open311/v2/requests.json", light_form(key, **attributes))
    assert fragment in error_of(response, "json", 400)
    nothing_written()


def test_media_url_is_stored_and_shown(o311, pothole, app_key):
    _, key = app_key
    url = "https://cdn.example.org/photos/1.jpg?size=large"
    (created,) = parse(o311.post("json", **form(key, media_url=url)), "json")[1]
    report = Report.objects.get()
    assert report.media_url == url
    (item,) = o311.data(f"requests/{created['service_request_id']}")
    assert item["media_url"] == url


def test_uploaded_photo_becomes_the_media_url(client, pothole, app_key):
    _, key = app_key
    upload = SimpleUploadedFile("hole.png", png_bytes(), content_type="image/png")
    response = client.post("/open311/v2/requests.xml", {**form(key), "media": upload})
    assert response.status_code == 200, response.content.decode()
    attachment = Attachment.objects.get()
    assert attachment.content_type == "image/jpeg" and attachment.kind == "photo"
    response = client.get(f"/open311/v2/requests/{attachment.report.tracking_code}.json")
    (item,) = parse(response, "json")[1]
    assert item["media_url"] == f"http://testserver{attachment.file.url}"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"GIF89a" + b"\x00" * 200 + b"not really an image", "not a valid"),
        (b"%PDF-1.7 fake pdf pretending to be a photo", "not an accepted photo or video"),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "not a valid"),
    ],
)
def test_fake_images_are_refused_and_nothing_is_kept(
    client, pothole, app_key, content, fragment, settings
):
    _, key = app_key
    before = (
        sorted(p.name for p in settings.MEDIA_ROOT.rglob("*"))
        if settings.MEDIA_ROOT.exists()
        else []
    )
    upload = SimpleUploadedFile("photo.jpg", content, content_type="image/jpeg")
    response = client.post("/open311/v2/requests.json", {**form(key), "media": upload})
    assert fragment in error_of(response, "json", 400)
    nothing_written()
    after = (
        sorted(p.name for p in settings.MEDIA_ROOT.rglob("*"))
        if settings.MEDIA_ROOT.exists()
        else []
    )
    assert after == before


def test_oversized_form_body_is_a_413_with_error_list(client, pothole, app_key, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    _, key = app_key
    response = client.post("/open311/v2/requests.json", form(key, description="x" * 20_000))
    assert "too large" in error_of(response, "json", 413)
    nothing_written()


def test_malformed_multipart_is_a_400(client, pothole, app_key):
    response = client.generic(
        "POST",
        "/open311/v2/requests.json",
        b'--XX\r\nContent-Disposition: form-data; name="a"\r\n\r\nb',
        content_type="multipart/form-data; boundary=",
    )
    assert "could not be read" in error_of(response, "json", 400)
    nothing_written()


def test_address_id_alone_is_not_enough(o311, pothole, app_key):
    _, key = app_key
    response = o311.post("json", **form(key, lat=None, long=None, address_id="A-77"))
    assert "lat and long are required" in error_of(response, "json", 400)


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"), reason="pg")
def test_postgres_rejects_nothing_we_accept(o311, pothole, app_key):
    """NUL bytes are refused before they reach PostgreSQL (which cannot store them)."""
    _, key = app_key
    response = o311.post("json", **form(key, address_string="a\x00b"))
    assert response.status_code == 400


@pytest.mark.parametrize("fmt", FORMATS)
def test_create_hands_over_the_reporter_secret_once(o311, pothole, app_key, fmt):
    """The id is public (GET lists); the POST answer alone carries the reporter's proof
    (decision 0032), which API v1 then accepts for feedback."""
    _, key = app_key
    (created,) = parse(o311.post(fmt, **form(key)), fmt)[1]
    report = Report.objects.get()
    secret = created["reporter_secret"]
    assert len(secret) == 22 and secret not in report.reporter_secret_hash
    for path in ("requests", f"requests/{report.tracking_code}"):
        assert secret not in o311.get(path, fmt).content.decode()
    staff = tenancy_factories.staff(report.municipality)
    for status in ("assigned", "in_progress", "resolved"):
        report = report_transition(report=report, to_status=status, actor=staff, note="انجام شد")
    url = f"/api/v1/public/reports/{report.tracking_code}/feedback"
    body = {"accepted": False, "comment": "درست نشد"}
    assert Client().post(url, body, content_type="application/json").status_code == 403
    answer = Client().post(
        url, body, content_type="application/json", headers={"X-Reporter-Secret": secret}
    )
    assert answer.status_code == 200 and answer.json()["status"] == "reopened"
