"""Hostile uploads (tests/reliability/hostile_files.py) on every path that takes files:
the API's attachment endpoint, Open311 POST with media and the citizen web form.

Rejected files: a 4xx with a Persian message and nothing stored (no report, no
attachment row, no history entry, no file on disk). Accepted polyglots and metadata-laden
images: what is stored is a fresh JPEG without the payload, under a generated name.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shahrvand.open311.keys import api_client_create
from shahrvand.reports.models import Attachment, Report, ReportEvent
from tests.reports import factories as reports_factories

from .hostile_files import FORBIDDEN, Hostile, corpus

CASES = corpus()
PERSIAN = re.compile(r"[\u0600-\u06FF]{3,}")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _files_on_disk(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _snapshot(root: Path) -> tuple[int, int, int, int]:
    return (
        Report.objects.count(),
        Attachment.objects.count(),
        ReportEvent.objects.count(),
        len(_files_on_disk(root)),
    )


def _upload(case: Hostile) -> SimpleUploadedFile:
    return SimpleUploadedFile(case.filename, case.data, content_type=case.content_type)


def _assert_clean(root: Path, attachment: Attachment) -> None:
    stored = Path(attachment.file.path)
    assert stored.resolve().is_relative_to(root.resolve())
    assert ".." not in attachment.file.name and "\u202e" not in attachment.file.name
    content = stored.read_bytes()
    assert content.startswith(b"\xff\xd8\xff")  # re-encoded as JPEG whatever came in
    assert attachment.content_type == "image/jpeg"
    for marker in FORBIDDEN:
        assert marker not in content, marker
        assert marker not in Path(attachment.thumbnail.path).read_bytes(), marker


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_api_attachment_upload(client, city, pothole, _media, case):
    report = reports_factories.report(city, pothole)
    before = _snapshot(_media)
    response = client.post(
        f"/api/v1/public/reports/{report.tracking_code}/attachments",
        {"files": [_upload(case)]},
        headers={"X-Reporter-Secret": report.issued_secret},
    )
    assert response.status_code < 500
    if case.expect == "reject":
        assert 400 <= response.status_code < 500
        assert PERSIAN.search(response.json()["message"])
        assert _snapshot(_media) == before
    else:
        assert response.status_code == 201, response.content
        _assert_clean(_media, Attachment.objects.get(report=report))


@pytest.fixture
def open311_key(city) -> str:
    return api_client_create(name="hostile-uploads", municipality=city)[1]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_open311_post_with_media(client, city, pothole, open311_key, _media, case):
    before = _snapshot(_media)
    response = client.post(
        "/open311/v2/requests.json",
        {
            "api_key": open311_key,
            "jurisdiction_id": city.slug,
            "service_code": pothole.code,
            "description": "چاله عمیق جلوی مدرسه",
            "lat": "35.70",
            "long": "51.38",
            "media": _upload(case),
        },
    )
    assert response.status_code < 500
    if case.expect == "reject":
        assert response.status_code == 400
        assert PERSIAN.search(response.json()[0]["description"])
        assert _snapshot(_media) == before
    else:
        assert response.status_code == 200, response.content
        report = Report.objects.get(tracking_code=response.json()[0]["service_request_id"])
        _assert_clean(_media, Attachment.objects.get(report=report))


@pytest.mark.parametrize("case", [c for c in CASES if c.expect == "reject"], ids=lambda c: c.name)
def test_citizen_form_rejects_without_storing(client, city, pothole, _media, case):
    before = _snapshot(_media)
    response = client.post(
        f"/m/{city.slug}/report/",
        {
            "category": pothole.code,
            "description": "چاله عمیق جلوی مدرسه",
            "lat": "35.70",
            "lon": "51.38",
            "photos": [_upload(case)],
        },
    )
    assert response.status_code == 400
    messages = [m for errors in response.context["form"].errors.values() for m in errors]
    assert messages and all(PERSIAN.search(m) for m in messages), messages
    assert _snapshot(_media) == before


def test_a_bad_file_among_good_ones_rejects_the_whole_submission(client, city, pothole, _media):
    good = next(c for c in CASES if c.name == "exif-gps-jpeg")
    bad = next(c for c in CASES if c.name == "png-decompression-bomb")
    report = reports_factories.report(city, pothole)
    before = _snapshot(_media)
    response = client.post(
        f"/api/v1/public/reports/{report.tracking_code}/attachments",
        {"files": [_upload(good), _upload(good), _upload(bad)]},
        headers={"X-Reporter-Secret": report.issued_secret},
    )
    assert response.status_code == 400
    assert _snapshot(_media) == before


def test_oversized_file_is_refused_before_decoding(client, city, pothole, settings, _media):
    settings.SHAHRVAND_MAX_PHOTO_BYTES = 50_000
    big = next(c for c in CASES if c.name == "png-decompression-bomb")  # ~250 KB on the wire
    report = reports_factories.report(city, pothole)
    before = _snapshot(_media)
    response = client.post(
        f"/api/v1/public/reports/{report.tracking_code}/attachments",
        {"files": [_upload(big)]},
        headers={"X-Reporter-Secret": report.issued_secret},
    )
    assert response.status_code == 400
    assert response.json()["code"] == "file_too_large"
    assert PERSIAN.search(response.json()["message"])
    assert _snapshot(_media) == before
