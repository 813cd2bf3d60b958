"""The building-permit certificate states what was permitted; the public check shows the
public part of it; the PDF carries the municipality's PAdES signature, which breaks when a
byte changes."""

from __future__ import annotations

import io
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.test import Client
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.errors import SignatureValidationError
from pyhanko_certvalidator import ValidationContext

from shahrvand.common.persian import to_persian_digits
from shahrvand.eservices.certificates import certificate_pdf
from shahrvand.eservices.models import Certificate
from shahrvand.eservices.services import (
    case_payment_settled,
    case_record_fee,
    case_submit,
    step_decide,
)
from shahrvand.eservices.signing import key_pair, signing_certificate_pem
from shahrvand.tenancy.models import Municipality
from tests.eservices.conftest import Clock
from tests.eservices.helpers import (
    PERMIT_FORM,
    permit_documents,
    published_service,
    step,
    step_owner,
)

pytestmark = pytest.mark.django_db
# Copied by hand to docs/screenshots/certificate.png when the layout changes.
SCREENSHOT = Path(__file__).resolve().parents[3] / "artifacts" / "screenshots" / "certificate.png"
CONDITIONS = "رعایت عقب‌نشینی ۲٫۵ متری در بر شمالی؛ نصب تابلوی مشخصات پروژه."


@pytest.fixture
def permit(ecity: Municipality, eclock: Clock, sms_log: object) -> Certificate:
    """A building permit issued on ۷ آذر ۱۴۰۵ (28 November 2026) after every step."""
    ecity.name_fa = "تهران"
    ecity.save(update_fields=["name_fa"])
    case = case_submit(
        service=published_service(ecity),
        applicant_phone="09121234567",
        applicant_name="علی رضایی",
        form_data={**PERMIT_FORM, "postal_code": "1314567890"},
        documents=permit_documents(),
    )
    approvals = {
        "intake-review": None,
        "water-inquiry": {"branch_size": "3/4"},
        "electricity-inquiry": None,
        "gas-inquiry": None,
        "planning-review": {"setback_m": 2.5},
    }
    for key, form in approvals.items():
        current = step(case, key)
        step_decide(step=current, actor=step_owner(current), decision="approve", form_data=form)
    case_record_fee(case=case, amount=96_000_000)
    case_payment_settled(case_id=case.pk, reference="pay-1", amount=96_000_000)
    issuance = step(case, "issuance")
    step_decide(
        step=issuance,
        actor=step_owner(issuance),
        decision="approve",
        form_data={"conditions": CONDITIONS},
    )
    return Certificate.objects.select_related("case__municipality").get(case=case)


def _text(content: bytes, *, screenshot: Path | None = None) -> str:
    document = pdfium.PdfDocument(content)
    try:
        assert len(document) == 1
        page = document[0]
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            page.render(scale=1.5).to_pil().save(screenshot)
        return str(page.get_textpage().get_text_range())
    finally:
        document.close()


def _as_extracted(text: str) -> str:
    """`text` as pdfium reads it back from the shaped page: the لا ligature comes out as
    ال and zero-width non-joiners are not extracted."""
    return text.replace("\u200c", "").replace("لا", "ال")


def _trust(municipality: Municipality) -> ValidationContext:
    _, _, der = pem.unarmor(signing_certificate_pem(municipality))
    return ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])


def test_the_permit_states_what_was_permitted(permit: Certificate) -> None:
    text = _text(certificate_pdf(permit), screenshot=SCREENSHOT)
    expected = [
        ("نشانی ملک", "تهران، خیابان آزادی، کوچه بهار، پلاک ۱۲"),
        ("پلاک ثبتی", "۱۲۳/۴۵"),
        ("کد پستی ملک", "۱۳۱۴۵۶۷۸۹۰"),
        ("مالک", "علی رضایی"),
        ("کد ملی مالک", "۰۰۱۲۳۴۵۶۷۹"),
        ("مساحت زمین", "۲۰۰ متر مربع"),
        ("تعداد طبقات", "۴"),
        ("زیربنای کل", "۶۴۰ متر مربع"),
        ("کاربری", "مسکونی"),
        ("عقب‌نشینی", "۲٫۵ متر"),
        ("اعتبار پروانه تا", "۷ آذر ۱۴۰۷"),  # issued ۷ آذر ۱۴۰۵, valid 24 months
        ("شرایط", CONDITIONS),
    ]
    flat = " ".join(text.split())
    for label, value in expected:
        assert f"{_as_extracted(label)}:" in flat, label
        assert _as_extracted(value) in flat, (label, value)
    assert "دارندهٔ گواهی: علی رضایی" in flat and "تاریخ صدور: ۷ آذر ۱۴۰۵" in flat
    assert "امضای دیجیتال شهرداری" in flat
    assert to_persian_digits("09121234567") not in flat and "09121234567" not in flat


def test_the_public_check_shows_public_fields_only(client: Client, permit: Certificate) -> None:
    html = client.get(f"/verify/{permit.verification_code}").content.decode()
    for shown in ("پلاک ثبتی", "۱۲۳/۴۵", "مساحت زمین", "۲۰۰ متر مربع", "مسکونی", "۷ آذر ۱۴۰۷"):
        assert shown in html, shown
    assert "کوچه بهار" in html and CONDITIONS in html
    assert "ع. ر." in html  # the holder by initials
    for hidden in ("0012345679", "۰۰۱۲۳۴۵۶۷۹", "کد ملی مالک", "09121234567", "۰۹۱۲۱۲۳۴۵۶۷"):
        assert hidden not in html, hidden
    assert "علی رضایی" not in html and "۱۳۱۴۵۶۷۸۹۰" not in html


def test_the_pdf_is_signed_over_the_whole_file(permit: Certificate) -> None:
    content = certificate_pdf(permit)
    (signature,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    status = validate_pdf_signature(signature, _trust(permit.case.municipality))
    assert status.intact and status.valid and status.trusted
    assert status.coverage.name == "ENTIRE_FILE"
    assert status.docmdp_ok  # a certification signature: no later change is allowed
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"  # PAdES
    assert status.md_algorithm == "sha256"


def test_changing_one_byte_breaks_the_signature(permit: Certificate) -> None:
    content = bytearray(certificate_pdf(permit))
    # One bit inside the first page stream's compressed data: the file still parses, the
    # page would just draw differently, and the signed digest no longer matches.
    at = content.index(b"stream\n") + len(b"stream\n") + 20
    content[at] ^= 0x01
    try:
        (signature,) = PdfFileReader(io.BytesIO(bytes(content))).embedded_signatures
        status = validate_pdf_signature(signature, _trust(permit.case.municipality))
    except SignatureValidationError:
        return  # refused outright: tampering detected
    assert not status.intact and not status.bottom_line


def test_another_key_does_not_vouch_for_it(permit: Certificate, ecity: Municipality) -> None:
    content = certificate_pdf(permit)
    other = Municipality(slug="othercity", name_fa="دیگر")
    (signature,) = PdfFileReader(io.BytesIO(content)).embedded_signatures
    status = validate_pdf_signature(signature, _trust(other))
    assert status.intact and not status.trusted  # unchanged, but not signed by that city
    assert key_pair(ecity).exists() and key_pair(other).exists()
