"""The application form is generated from the process's JSON Schema, validated in
Persian, takes documents checked by content, and submits once."""

from __future__ import annotations

import copy
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from shahrvand.eservices.models import Case, CaseDocument, Service
from shahrvand.eservices.services import definition_load, definition_publish
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import pdf_bytes

from .conftest import PHONE
from .forms import ALL_TYPES

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(ecity: Municipality) -> Service:
    draft = definition_load(municipality=ecity, document=copy.deepcopy(ALL_TYPES))
    return definition_publish(definition=draft).service


def _url(service: Service) -> str:
    return f"/m/{service.municipality.slug}/services/{service.key}/apply/"


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "SecretCam"  # Make
    exif[0x8825] = {2: (35.0, 41.0, 0.0)}  # GPS latitude
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif.tobytes())
    return out.getvalue()


def _valid(**changes: Any) -> dict[str, Any]:
    data = {
        "applicant_name": "زهرا کریمی",
        "f_title": "تعمير نما",  # Arabic yeh: stored normalised
        "f_national_id": "۰۰۱۲۳۴۵۶۷۹",
        "f_area": "۱۲٫۵",
        "f_count": "۳",
        "f_kind": "shop",
        "f_urgent": "on",
        "f_start": "۱۴۰۵/۰۹/۱۰",
        "f_notes": "",
        "f_postal_code": "۱۳۱۴۵-۶۷۸۹۰",
        "f_mobile": "+98 912 765 4321",
        "d_photo": SimpleUploadedFile("site.jpg", jpeg_with_exif(), "image/jpeg"),
        "submission_key": "k-1",
    }
    data.update(changes)
    return data


def test_signing_in_is_required(client: Client, service: Service) -> None:
    response = client.get(_url(service))
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_each_type_gets_its_input(citizen: Client, service: Service) -> None:
    html = citizen.get(_url(service)).content.decode()
    assert '<select name="f_kind"' in html
    assert '<option value="shop">تجاری</option>' in html
    assert 'type="checkbox" name="f_urgent"' in html
    assert 'name="f_count"' in html and 'inputmode="decimal"' in html
    assert 'placeholder="۱۴۰۵/۰۹/۱۰"' in html  # the Jalali date input
    assert '<textarea name="f_notes"' in html
    assert 'type="file" name="d_photo"' in html
    assert 'accept="application/pdf,image/jpeg,image/png"' in html


def test_a_valid_application_opens_a_case_with_typed_values(
    citizen: Client, service: Service
) -> None:
    response = citizen.post(_url(service), _valid())
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get()
    assert response["Location"] == f"/my/cases/{case.tracking_code}/?new=1"
    assert case.applicant_phone == PHONE
    assert case.applicant_name == "زهرا کریمی"
    assert case.form_data == {
        "title": "تعمیر نما",
        "national_id": "0012345679",
        "postal_code": "1314567890",  # typed with Persian digits and a dash
        "mobile": "09127654321",  # typed as +98 912 765 4321
        "area": 12.5,
        "count": 3,
        "kind": "shop",
        "urgent": True,
        "start": "2026-12-01",  # ۱۰ آذر ۱۴۰۵
    }
    document = CaseDocument.objects.get(case=case)
    assert document.doc_key == "photo"
    assert document.content_type == "image/jpeg"
    stored = document.file.read()
    assert b"SecretCam" not in stored  # re-encoded: camera and GPS data gone
    assert not Image.open(io.BytesIO(stored)).getexif()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"f_count": "۲٫۵"}, "یک عدد صحیح (بدون اعشار) وارد کنید."),
        ({"f_count": "۱۲"}, "عدد باید حداکثر ۹ باشد."),
        ({"f_area": "۰"}, "عدد باید بیشتر از ۰ باشد."),
        ({"f_area": "دوازده"}, "یک عدد وارد کنید."),
        ({"f_title": ""}, "«عنوان» را وارد کنید."),
        ({"f_title": "ab"}, "«عنوان» دست‌کم ۳ نویسه است."),
        ({"f_national_id": "12345"}, "«کد ملی» معتبر نیست"),
        ({"f_national_id": "1234567890"}, "«کد ملی» معتبر نیست"),  # wrong check digit
        ({"f_national_id": "۱۱۱۱۱۱۱۱۱۱"}, "«کد ملی» معتبر نیست"),  # never issued
        ({"f_postal_code": "۱۲۳۴۵۶۷۸۹۰"}, "«کد پستی» معتبر نیست"),
        ({"f_mobile": "۰۹۱۲۱۲۳۴۵۶"}, "«تلفن همراه» معتبر نیست"),
        ({"f_kind": "castle"}, "گزینهٔ «نوع» معتبر نیست."),
        ({"f_start": "۱۴۰۵/۱۳/۰۱"}, "این تاریخ در تقویم وجود ندارد."),
        ({"f_start": "1 Dec"}, "تاریخ را به شکل ۱۴۰۵/۰۹/۱۰ (سال/ماه/روز) وارد کنید."),
        ({"applicant_name": ""}, "نام و نام خانوادگی خود را بنویسید."),
    ],
)
def test_bad_fields_get_persian_errors_and_no_case(
    citizen: Client, service: Service, changes: dict[str, Any], message: str
) -> None:
    response = citizen.post(_url(service), _valid(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Case.objects.count() == 0


def test_a_missing_required_document_is_named(citizen: Client, service: Service) -> None:
    data = _valid()
    del data["d_photo"]
    response = citizen.post(_url(service), data)
    assert response.status_code == 400
    assert "مدرک «عکس محل» را پیوست کنید." in response.content.decode()


def test_a_document_is_judged_by_content_not_name(citizen: Client, service: Service) -> None:
    fake = SimpleUploadedFile("plan.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    response = citizen.post(_url(service), _valid(d_photo=fake))
    assert response.status_code == 400
    assert "PDF یا تصویر JPEG/PNG سالم نیست" in response.content.decode()
    assert Case.objects.count() == 0


def test_a_pdf_document_is_kept_as_sent(citizen: Client, service: Service) -> None:
    pdf = pdf_bytes("letter")
    data = _valid(d_letter=SimpleUploadedFile("letter.pdf", pdf, "application/pdf"))
    assert citizen.post(_url(service), data).status_code == 302
    stored = CaseDocument.objects.get(doc_key="letter")
    assert stored.file.read() == pdf


def test_submitting_the_same_form_twice_opens_one_case(citizen: Client, service: Service) -> None:
    first = citizen.post(_url(service), _valid())
    second = citizen.post(_url(service), _valid())
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Case.objects.count() == 1
    third = citizen.post(_url(service), _valid(submission_key="k-2"))
    assert third["Location"] != first["Location"]
    assert Case.objects.count() == 2


def test_an_unpublished_service_cannot_be_applied_for(citizen: Client, service: Service) -> None:
    Service.objects.filter(pk=service.pk).update(is_published=False)
    assert citizen.get(_url(service)).status_code == 404
