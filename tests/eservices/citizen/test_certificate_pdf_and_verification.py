"""The certificate PDF (Persian text, verification code, QR of the check page) and the
public check page."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
import zxingcpp
from django.test import Client

from shahrvand.common.persian import to_persian_digits
from shahrvand.eservices.certificates import certificate_pdf, qr_image, verification_url
from shahrvand.eservices.models import Case, Certificate
from shahrvand.eservices.services import (
    case_payment_settled,
    case_submit,
    definition_load,
    definition_publish,
    prepare_document,
    step_decide,
)
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import png_bytes, step, step_owner

from .conftest import PHONE
from .forms import ALL_TYPES

pytestmark = pytest.mark.django_db
ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots"
FORM = {
    "title": "تعمیر نمای ساختمان",
    "national_id": "0012345679",
    "area": 12.5,
    "count": 3,
    "kind": "shop",
    "start": "2026-12-01",
}


@pytest.fixture
def certificate(ecity: Municipality, sms_log: object) -> Certificate:
    service = definition_publish(
        definition=definition_load(municipality=ecity, document=copy.deepcopy(ALL_TYPES))
    ).service
    case = case_submit(
        service=service,
        applicant_phone=PHONE,
        applicant_name="زهرا کریمی",
        form_data=dict(FORM),
        documents=[prepare_document(doc_key="photo", name="site.png", content=png_bytes())],
    )
    review = step(case, "review")
    step_decide(step=review, actor=step_owner(review), decision="approve")
    case_payment_settled(case_id=case.pk, reference="sandbox-test")
    issue = step(case, "issue")
    step_decide(step=issue, actor=step_owner(issue), decision="approve")
    return Certificate.objects.select_related("case").get(case=case)


def _render(content: bytes) -> tuple[str, object]:
    document = pdfium.PdfDocument(content)
    try:
        assert len(document) == 1
        page = document[0]
        text = page.get_textpage().get_text_range()
        image = page.render(scale=2).to_pil()
    finally:
        document.close()
    return text, image


def test_the_pdf_states_the_certificate_in_persian_with_its_code(
    certificate: Certificate,
) -> None:
    content = certificate_pdf(certificate)
    text, image = _render(content)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    image.save(ARTIFACTS / "eservices-certificate.png")  # type: ignore[attr-defined]
    case: Case = certificate.case
    assert "گواهی مجوز آزمایشی" in text
    assert f"شهرداری {to_persian_digits(case.municipality.name_fa)}" in text
    assert "زهرا کریمی" in text
    assert certificate.verification_code in text
    assert to_persian_digits(case.tracking_code) in text
    assert "تعمیر نمای ساختمان" in text  # facts marked x-certificate
    assert "تجاری" in text  # the enum's label, not its value
    assert "۱۰ آذر ۱۴۰۵" in text  # the date field, in Jalali
    assert "۱۲٫۵" in text
    assert PHONE not in text and to_persian_digits(PHONE) not in text
    assert "0012345679" not in text and "۰۰۱۲۳۴۵۶۷۹" not in text  # not marked: left out
    assert verification_url(certificate.verification_code) in text


def test_the_qr_on_the_page_decodes_to_the_check_url(certificate: Certificate) -> None:
    _, image = _render(certificate_pdf(certificate))
    found = zxingcpp.read_barcodes(image)
    assert [b.text for b in found] == [
        f"https://shahrvand.example.ir/verify/{certificate.verification_code}"
    ]
    assert found[0].format == zxingcpp.BarcodeFormat.QRCode


def test_qr_image_round_trips() -> None:
    url = "https://shahrvand.example.ir/verify/ABCDEFGH2345"
    assert [b.text for b in zxingcpp.read_barcodes(qr_image(url))] == [url]


def test_the_public_check_shows_the_certificate_without_signing_in(
    client: Client, certificate: Certificate
) -> None:
    response = client.get(f"/verify/{certificate.verification_code}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "این گواهی معتبر است" in html
    assert "گواهی مجوز آزمایشی" in html
    assert "ز. ک." in html and "زهرا کریمی" not in html  # the holder by initials
    assert "تجاری" in html
    assert to_persian_digits(PHONE) not in html and PHONE not in html
    assert "0012345679" not in html
    lower = client.get(f"/verify/{certificate.verification_code.lower()}")
    assert lower.status_code == 200  # typed in small letters, still found


@pytest.mark.parametrize("code", ["ZZZZZZZZZZZZ", "not-a-code", "A" * 40])
def test_an_unknown_code_is_a_clear_persian_404(client: Client, db: None, code: str) -> None:
    response = client.get(f"/verify/{code}")
    assert response.status_code == 404
    assert "گواهی پیدا نشد" in response.content.decode()
    assert "معتبر نیست" in response.content.decode()


def test_a_lost_file_is_rendered_again(certificate: Certificate) -> None:
    first = certificate_pdf(certificate)
    assert certificate_pdf(certificate) == first  # kept: the same bytes on every download
    certificate.refresh_from_db()
    certificate.file.storage.delete(certificate.file.name)
    again = certificate_pdf(certificate)
    # The same page (its dates are the issue time); only the signing time is new.
    assert _render(again)[0] == _render(first)[0]
    assert again.startswith(first[: first.index(b"%%EOF")])  # the same unsigned document


def test_without_an_installed_key_nothing_unsigned_is_issued(
    citizen: Client, certificate: Certificate, settings: Any, tmp_path: Path
) -> None:
    settings.SHAHRVAND_SIGNING_DEMO_KEYS = False  # as in production
    settings.SHAHRVAND_SIGNING_DIR = tmp_path / "no-keys"
    response = citizen.get(f"/my/cases/{certificate.case.tracking_code}/certificate.pdf")
    assert response.status_code == 503
    assert "گواهی هنوز آماده نیست" in response.content.decode()
    certificate.refresh_from_db()
    assert not certificate.file.name  # nothing stored: signed on the next try
    settings.SHAHRVAND_SIGNING_DEMO_KEYS = True
    signed = citizen.get(f"/my/cases/{certificate.case.tracking_code}/certificate.pdf")
    assert signed.status_code == 200 and b"/ETSI.CAdES.detached" in signed.content
