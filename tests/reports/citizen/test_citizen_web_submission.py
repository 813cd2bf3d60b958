"""The citizen pages end to end through Django's test client (no JavaScript)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shahrvand.reports.models import Attachment, Report
from shahrvand.reports.services import report_transition
from shahrvand.tenancy.models import District
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def jpeg(name: str = "p.jpg") -> SimpleUploadedFile:
    buf = io.BytesIO()
    Image.new("RGB", (300, 200), (10, 120, 200)).save(buf, "JPEG")
    return SimpleUploadedFile(name, buf.getvalue(), content_type="image/jpeg")


def media_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def form_data(**overrides):
    data = {
        "category": "pothole",
        "description": "چاله عمیق جلوی نانوایی",
        "lat": "35.70",
        "lon": "51.37",
        "reporter_phone": "",
    }
    data.update(overrides)
    return data


def test_submit_with_photo_redirects_to_tracking_page(client, city, pothole):
    before = len(media_files())
    response = client.post(
        "/m/testcity/report/", {**form_data(), "photos": [jpeg(), jpeg("b.png")]}
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert response["Location"] == f"/track/{report.tracking_code}/?new=1"
    assert report.attachments.count() == 2
    assert len(media_files()) == before + 4  # two photos + two thumbnails
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "کد پیگیری" in page.content.decode()


def test_persian_digits_in_coordinates_are_accepted(client, city, pothole):
    response = client.post("/m/testcity/report/", form_data(lat="۳۵٫۷۰", lon="۵۱٫۴۳"))
    assert response.status_code == 302
    assert Report.objects.get().district.number == 2


def test_without_coordinates_district_and_address_suffice(client, city, pothole):
    district = District.objects.get(municipality=city, number=2)
    response = client.post(
        "/m/testcity/report/",
        form_data(lat="", lon="", district=str(district.pk), address="میدان اصلی"),
    )
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.district == district and report.lat is None


def test_fake_image_rejects_whole_submission_with_persian_error(client, city, pothole):
    before = len(media_files())
    fake = SimpleUploadedFile("photo.jpg", b"<html>not an image</html>", content_type="image/jpeg")
    response = client.post("/m/testcity/report/", {**form_data(), "photos": [jpeg(), fake]})
    assert response.status_code == 400
    assert "photo.jpg" in response.content.decode()
    assert "پذیرفته نیست" in response.content.decode()
    assert Report.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert len(media_files()) == before


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"description": "   "}, "شرح مشکل را بنویسید."),
        ({"category": "no-such"}, "موضوع انتخاب‌شده معتبر نیست."),
        ({"lat": "35.95", "lon": "51.95"}, "خارج از محدوده"),
        ({"lat": "", "lon": ""}, "مکان را روی نقشه انتخاب کنید"),
        ({"lat": "abc"}, "عرض جغرافیایی باید عدد باشد."),
        ({"reporter_phone": "12345"}, "شماره تلفن معتبر نیست"),
    ],
)
def test_bad_input_gets_specific_persian_error_and_nothing_is_stored(
    client, city, pothole, overrides, message
):
    response = client.post("/m/testcity/report/", form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Report.objects.count() == 0


def test_unknown_municipality_is_404(client, db):
    assert client.get("/m/nowhere/report/").status_code == 404


def test_tracking_accepts_persian_digits_and_hides_personal_data(client, city, pothole):
    report = reports_factories.report(
        city, pothole, reporter_name="مریم رضایی", reporter_phone="09121112233"
    )
    code = report.tracking_code
    persian = code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    response = client.get("/track/", {"code": f"{persian[:4]}-{persian[4:8]} {persian[8:]}"})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "مریم" not in page and "09121112233" not in page and "۰۹۱۲۱۱۱۲۲۳۳" not in page
    assert "ثبت شده" in page


def test_tracking_code_with_bad_check_digit_is_refused_before_lookup(client, city, pothole):
    code = reports_factories.report(city, pothole).tracking_code
    wrong = code[:-1] + str((int(code[-1]) + 1) % 10)
    response = client.get("/track/", {"code": wrong})
    assert response.status_code == 404
    assert "درست نیست" in response.content.decode()


def test_internal_notes_are_not_on_the_public_page(client, city, pothole):
    report = reports_factories.report(city, pothole)
    staff = tenancy_factories.staff(city)
    report_transition(
        report=report, to_status="triaged", actor=staff, note="یادداشت محرمانه", public=False
    )
    page = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert "یادداشت محرمانه" not in page
    assert "بررسی اولیه شده" in page


def _resolved(city, pothole, client=None):
    """A resolved report; with `client`, that browser has opened the reporter's private
    link (the proof every citizen write needs, decision 0032)."""
    report = reports_factories.report(city, pothole)
    secret = report.issued_secret
    staff = tenancy_factories.staff(city)
    for status in ("triaged", "assigned", "in_progress"):
        report = report_transition(report=report, to_status=status, actor=staff)
    report = report_transition(report=report, to_status="resolved", actor=staff, note="آسفالت شد.")
    report.issued_secret = secret
    if client is not None:
        assert client.get(f"/track/{report.tracking_code}/?k={secret}").status_code == 302
    return report


def test_citizen_accepts_resolution_with_rating(client, city, pothole):
    report = _resolved(city, pothole, client)
    response = client.post(
        f"/track/{report.tracking_code}/feedback/",
        {"accepted": "yes", "rating": "4", "comment": "ممنون"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "closed" and report.satisfaction == 4


def test_citizen_dispute_reopens_report(client, city, pothole):
    report = _resolved(city, pothole, client)
    response = client.post(
        f"/track/{report.tracking_code}/feedback/", {"accepted": "no", "comment": "هنوز چاله هست"}
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == "reopened"
    page = client.get(f"/track/{report.tracking_code}/").content.decode()
    assert "هنوز چاله هست" in page


def test_accept_without_rating_is_refused(client, city, pothole):
    report = _resolved(city, pothole, client)
    response = client.post(f"/track/{report.tracking_code}/feedback/", {"accepted": "yes"})
    assert response.status_code == 400
    assert "۱ تا ۵" in response.content.decode()
    report.refresh_from_db()
    assert report.status == "resolved"


def test_feedback_on_unresolved_report_is_refused(client, city, pothole):
    report = reports_factories.report(city, pothole)
    client.get(f"/track/{report.tracking_code}/?k={report.issued_secret}")
    response = client.post(
        f"/track/{report.tracking_code}/feedback/", {"accepted": "yes", "rating": "5"}
    )
    assert response.status_code == 400
    report.refresh_from_db()
    assert report.status == "submitted"


def test_uploaded_photo_is_served_inert(client, city, pothole):
    client.post("/m/testcity/report/", {**form_data(), "photos": [jpeg()]})
    attachment = Attachment.objects.get()
    response = client.get(attachment.file.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content)[:2] == b"\xff\xd8"
