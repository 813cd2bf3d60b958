"""Citizen apps submit, track, add photos and answer resolutions through /api/v1/public/."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shahrvand.reports.models import Report
from shahrvand.reports.services import report_transition
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db
BASE = "/api/v1/public"


def body(**overrides):
    data = {
        "municipality": "testcity",
        "category": "pothole",
        "description": "چاله جلوی مدرسه",
        "lat": 35.70,
        "lon": 51.43,
        "reporter_name": "سارا",
        "reporter_phone": "09120001122",
    }
    data.update(overrides)
    return data


def post(client, data, **headers):
    return client.post(f"{BASE}/reports", data, content_type="application/json", headers=headers)


def test_submit_returns_tracking_code_and_stores_app_channel(client, city, pothole):
    response = post(client, body())
    assert response.status_code == 201
    code = response.json()["tracking_code"]
    report = Report.objects.get(tracking_code=code)
    assert report.channel == "app" and report.district.number == 2


def test_tracking_response_has_no_personal_data(client, city, pothole):
    code = post(client, body()).json()["tracking_code"]
    response = client.get(f"{BASE}/reports/{code}")
    assert response.status_code == 200
    data = response.json()
    assert data["status"] == "submitted" and data["category"]["standard_code"] == "road"
    text = response.content.decode()
    assert "09120001122" not in text and "سارا" not in text
    assert "reporter" not in text
    assert [e["status"] for e in data["timeline"]] == ["submitted"]


def test_idempotency_key_returns_first_result_and_creates_nothing_new(client, city, pothole):
    first = post(client, body(), **{"Idempotency-Key": "abc-123"})
    again = post(client, body(), **{"Idempotency-Key": "abc-123"})
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Report.objects.count() == 1
    other = post(client, body(), **{"Idempotency-Key": "abc-124"})
    assert other.json()["tracking_code"] != first.json()["tracking_code"]
    assert Report.objects.count() == 2


def test_same_key_with_different_body_is_a_conflict(client, city, pothole):
    post(client, body(), **{"Idempotency-Key": "k1"})
    response = post(client, body(description="چیز دیگر"), **{"Idempotency-Key": "k1"})
    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_conflict"
    assert Report.objects.count() == 1


def test_failed_request_does_not_burn_the_key(client, city, pothole):
    bad = post(client, body(lat=35.99, lon=51.99), **{"Idempotency-Key": "k2"})
    assert bad.status_code == 400
    good = post(client, body(), **{"Idempotency-Key": "k2"})
    assert good.status_code == 201


@pytest.mark.parametrize(
    ("overrides", "status", "code", "field"),
    [
        ({"lat": 35.99, "lon": 51.99}, 400, "outside_districts", "location"),
        ({"category": "nope"}, 400, "unknown_category", "category"),
        ({"municipality": "nowhere"}, 404, "not_found", "municipality"),
        ({"description": "  "}, 400, "description_required", "description"),
        ({"description": "x" * 4001}, 400, "invalid_input", "description"),
        ({"lat": "north"}, 400, "invalid_input", "lat"),
        ({"lat": 200}, 400, "invalid_input", "lat"),
        ({"reporter_phone": "abc"}, 400, "invalid_phone", "reporter_phone"),
        ({"lat": None, "lon": None, "district": 99}, 400, "unknown_district", "district"),
    ],
)
def test_bad_input_has_consistent_error_body(client, city, pothole, overrides, status, code, field):
    response = post(client, body(**overrides))
    assert response.status_code == status
    data = response.json()
    assert data["code"] == code and data["field"] == field
    assert data["message"] and data["message_en"]
    assert Report.objects.count() == 0


def test_malformed_json_is_400_not_500(client, city, pothole):
    response = client.post(f"{BASE}/reports", "{not json", content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_input"


def test_unknown_tracking_code_is_404_with_error_body(client, db):
    response = client.get(f"{BASE}/reports/123412341234")
    assert response.status_code == 404
    assert response.json()["field"] == "tracking_code"


def _jpeg(name="a.jpg"):
    buf = io.BytesIO()
    Image.new("RGB", (64, 64), "red").save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def test_citizen_adds_photo_and_fake_file_is_refused(client, city, pothole):
    created = post(client, body()).json()
    code, proof = created["tracking_code"], {"X-Reporter-Secret": created["reporter_secret"]}
    url = f"{BASE}/reports/{code}/attachments"
    ok = client.post(url, {"files": [_jpeg()]}, headers=proof)
    assert ok.status_code == 201 and len(ok.json()) == 1
    fake = SimpleUploadedFile("b.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    bad = client.post(url, {"files": [_jpeg(), fake]}, headers=proof)
    assert bad.status_code == 400 and bad.json()["code"] == "unsupported_type"
    report = Report.objects.get(tracking_code=code)
    assert report.attachments.count() == 1
    assert len(client.get(f"{BASE}/reports/{code}").json()["photos"]) == 1


def test_repeated_photo_upload_with_same_key_stores_no_second_file(client, city, pothole):
    created = post(client, body()).json()
    code, secret = created["tracking_code"], created["reporter_secret"]
    url = f"{BASE}/reports/{code}/attachments"
    headers = {"Idempotency-Key": "photo-1", "X-Reporter-Secret": secret}
    first = client.post(url, {"files": [_jpeg()]}, headers=headers)
    assert first.status_code == 201
    stored = sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file())
    again = client.post(url, {"files": [_jpeg()]}, headers=headers)
    assert again.status_code == 201 and again.json() == first.json()
    assert Report.objects.get(tracking_code=code).attachments.count() == 1
    # the key is claimed before the work: the replay never reached the file storage
    assert sorted(p.name for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()) == stored


def test_feedback_dispute_reopens(client, city, pothole):
    report = reports_factories.report(city, pothole)
    proof = {"X-Reporter-Secret": report.issued_secret}
    staff = tenancy_factories.staff(city)
    for status in ("assigned", "in_progress"):
        report_transition(report=report, to_status=status, actor=staff)
    report_transition(report=report, to_status="resolved", actor=staff, note="انجام شد")
    url = f"{BASE}/reports/{report.tracking_code}/feedback"
    bad = client.post(url, {"accepted": True}, content_type="application/json", headers=proof)
    assert bad.status_code == 400 and bad.json()["field"] == "rating"
    ok = client.post(
        url, {"accepted": False, "comment": "نه"}, content_type="application/json", headers=proof
    )
    assert ok.status_code == 200 and ok.json()["status"] == "reopened"


def test_categories_of_municipality(client, city, pothole):
    data = client.get(f"{BASE}/municipalities/testcity/categories").json()
    assert [c["code"] for c in data] == ["pothole"]
    assert client.get(f"{BASE}/municipalities/none/categories").status_code == 404


def test_public_rate_limit_answers_429(client, city, pothole, settings):
    settings.SHAHRVAND_API_PUBLIC_RATE = "2/m"
    from django.core.cache import cache

    cache.clear()
    codes = [client.get(f"{BASE}/municipalities").status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    cache.clear()
