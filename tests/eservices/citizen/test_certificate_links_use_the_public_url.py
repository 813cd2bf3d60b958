"""The certificate's verify link and QR code name the public address: SHAHRVAND_PUBLIC_URL,
or the issuing municipality's own `public_url` (tenancy.links)."""

from __future__ import annotations

import copy

import pypdfium2 as pdfium
import pytest
import zxingcpp

from shahrvand.eservices.certificates import certificate_pdf, certificate_text, verification_url
from shahrvand.eservices.models import Certificate
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
SETTING = "https://shahrvand.example.ir"
OWN = "https://eservices.ecity.ir"


def _issue(municipality: Municipality) -> Certificate:
    service = definition_publish(
        definition=definition_load(municipality=municipality, document=copy.deepcopy(ALL_TYPES))
    ).service
    case = case_submit(
        service=service,
        applicant_phone=PHONE,
        applicant_name="زهرا کریمی",
        form_data={
            "title": "نما",
            "national_id": "0012345679",
            "area": 12.5,
            "count": 3,
            "kind": "shop",
            "start": "2026-12-01",
        },
        documents=[prepare_document(doc_key="photo", name="site.png", content=png_bytes())],
    )
    review = step(case, "review")
    step_decide(step=review, actor=step_owner(review), decision="approve")
    case_payment_settled(case_id=case.pk, reference="sandbox-test")
    issue = step(case, "issue")
    step_decide(step=issue, actor=step_owner(issue), decision="approve")
    return Certificate.objects.select_related("case__municipality").get(case=case)


def _qr_text(content: bytes) -> list[str]:
    document = pdfium.PdfDocument(content)
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    return [barcode.text for barcode in zxingcpp.read_barcodes(image)]


@pytest.mark.parametrize("own_domain", [False, True], ids=["setting", "override"])
def test_the_qr_and_the_verify_link_name_the_public_address(
    ecity: Municipality, sms_log: object, settings: object, own_domain: bool
) -> None:
    settings.SHAHRVAND_PUBLIC_URL = SETTING + "/"  # type: ignore[attr-defined]
    if own_domain:
        ecity.public_url = OWN
        ecity.save()
    origin = OWN if own_domain else SETTING
    certificate = _issue(ecity)
    expected = f"{origin}/verify/{certificate.verification_code}"
    assert certificate_text(certificate).url == expected
    assert verification_url(certificate.verification_code, ecity) == expected
    assert _qr_text(certificate_pdf(certificate)) == [expected]
    assert "127.0.0.1" not in expected
