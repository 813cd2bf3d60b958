"""The applicant's case: every step with unit and times, a return answered, paid through
the sandbox bank, and the certificate downloaded. Staff decisions go through E1's
step_decide (the staff pages are tested with the engine)."""

from __future__ import annotations

import copy
import re
import urllib.parse
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from shahrvand.common.jalali import format_jalali
from shahrvand.eservices.models import Case, CaseStep, Service
from shahrvand.eservices.services import (
    definition_load,
    definition_publish,
    step_decide,
)
from shahrvand.payments.models import Payment
from shahrvand.tenancy.models import Municipality
from tests.eservices.helpers import step, step_owner

from .conftest import PHONE
from .forms import ALL_TYPES
from .test_application_form import jpeg_with_exif

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(citizen: Client, ecity: Municipality) -> Case:
    service: Service = definition_publish(
        definition=definition_load(municipality=ecity, document=copy.deepcopy(ALL_TYPES))
    ).service
    data: dict[str, Any] = {
        "applicant_name": "زهرا کریمی",
        "f_title": "تعمیر نما",
        "f_area": "۱۲٫۵",
        "f_count": "۳",
        "f_kind": "shop",
        "f_start": "۱۴۰۵/۰۹/۱۰",
        "d_photo": SimpleUploadedFile("site.jpg", jpeg_with_exif(), "image/jpeg"),
        "submission_key": "case-fixture",
    }
    response = citizen.post(f"/m/{ecity.slug}/services/{service.key}/apply/", data)
    assert response.status_code == 302
    return Case.objects.get()


def _page(client: Client, case: Case, query: str = "") -> str:
    response = client.get(f"/my/cases/{case.tracking_code}/{query}")
    assert response.status_code == 200
    return response.content.decode()


def test_my_cases_lists_only_my_own(citizen: Client, case: Case) -> None:
    other = Case.objects.create(
        municipality=case.municipality,
        service=case.service,
        definition=case.definition,
        tracking_code="999999999990",
        applicant_phone="09350000000",
        submitted_at=case.submitted_at,
    )
    html = citizen.get("/my/cases/").content.decode()
    assert case.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")) in html
    assert "۹۹۹۹۹۹۹۹۹۹۹۰" not in html
    assert citizen.get(f"/my/cases/{other.tracking_code}/").status_code == 404


def test_the_case_page_shows_each_step_with_unit_and_times(citizen: Client, case: Case) -> None:
    html = _page(citizen, case, "?new=1")
    review = step(case, "review")
    assert "درخواست شما ثبت شد" in html
    assert "بررسی درخواست" in html and "پرداخت" in html and "صدور" in html
    assert review.department is not None
    assert review.department.name_fa in html  # the unit
    assert review.started_at is not None and review.deadline is not None
    assert format_jalali(review.started_at) in html  # start, Jalali, Persian digits
    assert format_jalali(review.deadline) in html  # deadline
    assert "هنوز آغاز نشده" in html  # the pending steps
    assert "درخواست شما در شهرسازی بررسی می‌شود." in html  # the step's status text
    assert re.search(r"[0-9]{4}/[0-9]{2}/[0-9]{2}", html) is None  # no Latin-digit dates


def test_a_return_shows_the_reason_and_the_answer_reopens_the_step(
    citizen: Client, case: Case
) -> None:
    review = step(case, "review")
    step_decide(
        step=review,
        actor=step_owner(review),
        decision="return",
        reason="مساحت اعلام‌شده با سند نمی‌خواند؛ آن را اصلاح کنید.",
    )
    html = _page(citizen, case)
    assert "پرونده برای اصلاح به شما بازگشته است" in html
    assert "مساحت اعلام‌شده با سند نمی‌خواند" in html
    assert 'value="۱۲٫۵"' in html  # the form comes back filled in
    response = citizen.post(
        f"/my/cases/{case.tracking_code}/",
        {
            "f_title": "تعمیر نما",
            "f_area": "۱۴",
            "f_count": "۳",
            "f_kind": "shop",
            "f_start": "۱۴۰۵/۰۹/۱۰",
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.form_data["area"] == 14
    assert case.status == Case.Status.IN_PROGRESS
    review.refresh_from_db()
    assert review.status == CaseStep.Status.ACTIVE
    assert review.return_count == 1
    html = _page(citizen, case)
    assert "متقاضی اطلاعات را اصلاح کرد" in html  # in the history


def test_a_correction_with_a_bad_value_is_refused_in_persian(citizen: Client, case: Case) -> None:
    review = step(case, "review")
    step_decide(step=review, actor=step_owner(review), decision="return", reason="اصلاح کنید")
    response = citizen.post(
        f"/my/cases/{case.tracking_code}/",
        {
            "f_title": "تعمیر نما",
            "f_area": "-۲",
            "f_count": "۳",
            "f_kind": "shop",
            "f_start": "۱۴۰۵/۰۹/۱۰",
        },
    )
    assert response.status_code == 400
    assert "عدد باید بیشتر از ۰ باشد." in response.content.decode()
    case.refresh_from_db()
    assert case.status == Case.Status.RETURNED


def test_pay_through_the_sandbox_then_download_the_certificate(citizen: Client, case: Case) -> None:
    review = step(case, "review")
    step_decide(step=review, actor=step_owner(review), decision="approve")
    html = _page(citizen, case)
    assert "پرداخت هزینه" in html
    assert "۲۵۰٬۰۰۰ ریال" in html
    response = citizen.post(f"/my/cases/{case.tracking_code}/pay/")
    assert response.status_code == 302
    bank = response["Location"]
    assert bank.startswith("/payments/sandbox/")
    payment = Payment.objects.get()
    assert payment.reference == f"case:{case.pk}"
    assert payment.amount == 250000
    assert payment.payer_mobile == PHONE
    back = citizen.post(bank, {"action": "pay"})  # the sandbox bank page: pay
    callback = citizen.get(back["Location"])  # the bank sends the payer back
    assert callback.status_code == 302
    target = urllib.parse.urlsplit(callback["Location"])
    assert target.path == f"/my/cases/{case.tracking_code}/"
    html = _page(citizen, case, f"?{target.query}")
    assert "نتیجهٔ پرداخت: پرداخت‌شده" in html
    assert "پرداخت هزینه" not in html  # nothing due any more
    issue = step(case, "issue")
    assert issue.status == CaseStep.Status.ACTIVE
    step_decide(step=issue, actor=step_owner(issue), decision="approve")
    case.refresh_from_db()
    assert case.status == Case.Status.APPROVED
    html = _page(citizen, case)
    code = case.certificate.verification_code
    assert "گواهی صادر شد" in html and code in html
    pdf = citizen.get(f"/my/cases/{case.tracking_code}/certificate.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    again = citizen.get(f"/my/cases/{case.tracking_code}/certificate.pdf")
    assert again.content == pdf.content  # rendered once, kept


def test_a_second_pay_click_after_paying_is_refused(citizen: Client, case: Case) -> None:
    review = step(case, "review")
    step_decide(step=review, actor=step_owner(review), decision="approve")
    bank = citizen.post(f"/my/cases/{case.tracking_code}/pay/")["Location"]
    citizen.get(citizen.post(bank, {"action": "pay"})["Location"])
    response = citizen.post(f"/my/cases/{case.tracking_code}/pay/", follow=True)
    assert "این پرونده اکنون منتظر پرداخت نیست." in response.content.decode()
    assert Payment.objects.filter(status="paid").count() == 1


def test_no_certificate_before_approval(citizen: Client, case: Case) -> None:
    assert citizen.get(f"/my/cases/{case.tracking_code}/certificate.pdf").status_code == 404


def test_another_citizen_cannot_see_or_pay_the_case(
    client: Client, case: Case, sms_log: Any
) -> None:
    from tests.identity.sms import sign_in

    other = Client()
    sign_in(other, sms_log, "09350001122")
    assert other.get(f"/my/cases/{case.tracking_code}/").status_code == 404
    assert other.post(f"/my/cases/{case.tracking_code}/pay/").status_code == 404
