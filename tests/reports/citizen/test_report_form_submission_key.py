"""The citizen report form carries a one-time submission key: posting the same rendered form
again — a double click, a reload, three concurrent posts — makes one report, and every post
is answered with that report's confirmation."""

from __future__ import annotations

import io
import re
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, connections
from django.test import Client
from PIL import Image

from shahrvand.reports.models import Report

URL = "/m/testcity/report/"


def form_data(**overrides: str) -> dict[str, str]:
    return {
        "category": "pothole",
        "description": "چاله عمیق جلوی نانوایی",
        "lat": "35.70",
        "lon": "51.37",
        **overrides,
    }


def jpeg() -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(buf, "JPEG")
    return SimpleUploadedFile("p.jpg", buf.getvalue(), content_type="image/jpeg")


def media_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def rendered_key(client: Client) -> str:
    page = client.get(URL).content.decode()
    match = re.search(r'name="submission_key" value="([^"]+)"', page)
    assert match, "the form must carry a hidden submission key"
    return match.group(1)


@pytest.mark.django_db
def test_each_rendering_of_the_form_has_a_new_key(client, city, pothole):
    assert rendered_key(client) != rendered_key(client)


@pytest.mark.django_db
def test_three_posts_of_one_form_make_one_report(client, city, pothole):
    key = rendered_key(client)
    before = len(media_files())
    answers = [
        client.post(URL, {**form_data(), "submission_key": key, "photos": [jpeg()]})
        for _ in range(3)
    ]
    report = Report.objects.get()
    assert [a.status_code for a in answers] == [302, 302, 302]
    assert {a["Location"] for a in answers} == {f"/track/{report.tracking_code}/?new=1"}
    assert report.attachments.count() == 1
    assert len(media_files()) == before + 2  # one photo and its thumbnail, not three


@pytest.mark.django_db
def test_two_forms_make_two_reports(client, city, pothole):
    for _ in range(2):
        client.post(URL, {**form_data(), "submission_key": rendered_key(client)})
    assert Report.objects.count() == 2


@pytest.mark.django_db
def test_a_refused_post_does_not_use_up_the_key(client, city, pothole):
    key = rendered_key(client)
    refused = client.post(URL, {**form_data(description=""), "submission_key": key})
    assert refused.status_code == 400 and f'value="{key}"' in refused.content.decode()
    assert client.post(URL, {**form_data(), "submission_key": key}).status_code == 302
    assert Report.objects.count() == 1


@pytest.mark.django_db
def test_same_key_with_other_text_is_not_a_silent_duplicate(client, city, pothole):
    key = rendered_key(client)
    client.post(URL, {**form_data(), "submission_key": key})
    other = client.post(URL, {**form_data(description="درخت افتاده"), "submission_key": key})
    assert other.status_code == 400
    text = other.content.decode()
    assert "پیش‌تر با متن دیگری فرستاده" in text
    fresh = re.search(r'name="submission_key" value="([^"]+)"', text)
    assert fresh and fresh.group(1) != key  # sending again now makes the new report
    assert "درخت افتاده" in text  # what was typed is kept
    resend = client.post(
        URL, {**form_data(description="درخت افتاده"), "submission_key": fresh.group(1)}
    )
    assert resend.status_code == 302 and Report.objects.count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["short", "x" * 65, "has space in it 123", "<b>1234567890123</b>"])
def test_a_malformed_key_is_refused(client, city, pothole, key):
    response = client.post(URL, {**form_data(), "submission_key": key})
    assert response.status_code == 400 and not Report.objects.exists()


@pytest.mark.django_db
def test_a_post_without_key_still_works(client, city, pothole):
    assert client.post(URL, form_data()).status_code == 302
    assert Report.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_three_concurrent_posts_make_one_report(city, pothole):
    """Three threads, three database connections, one key: the idempotency record's unique
    insert makes the two later posts wait for the first to commit, then answer its report."""
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (CI runs it); SQLite serialises them")
    key = rendered_key(Client())
    start = threading.Barrier(3)
    locations: list[str] = []
    errors: list[BaseException] = []

    def post() -> None:
        try:
            start.wait(timeout=10)
            response = Client().post(URL, {**form_data(), "submission_key": key})
            assert response.status_code == 302, response.status_code
            locations.append(response["Location"])
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert errors == []
    report = Report.objects.get()
    assert locations == [f"/track/{report.tracking_code}/?new=1"] * 3
