"""A building permit from submission to certificate through the services: parallel agency
inquiries, a return for correction and the join before payment."""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.common.errors import DomainError
from shahrvand.eservices.models import Case, CaseStep, Certificate
from shahrvand.eservices.services import (
    case_payment_settled,
    case_record_fee,
    case_resubmit,
    case_submit,
    prepare_document,
    step_decide,
)
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import (
    PERMIT_FORM,
    doc,
    pdf_bytes,
    permit_documents,
    published_service,
    step,
    step_owner,
    submit_permit,
)

INQUIRIES = ("water-inquiry", "electricity-inquiry", "gas-inquiry", "planning-review")


def statuses(case: Case) -> dict[str, str]:
    return dict(case.steps.values_list("key", "status"))


def test_full_building_permit(ecity: Municipality, eclock: Clock) -> None:
    service = published_service(ecity)
    case = submit_permit(service)
    assert case.status == Case.Status.IN_PROGRESS
    assert case.definition.version == 1
    assert len(case.tracking_code) == 12
    assert statuses(case) == {
        "intake-review": "active",
        "water-inquiry": "pending",
        "electricity-inquiry": "pending",
        "gas-inquiry": "pending",
        "planning-review": "pending",
        "payment": "pending",
        "issuance": "pending",
    }
    intake = step(case, "intake-review")
    # 16 business hours from Saturday 08:00: Saturday and Sunday, 16:00 Sunday (Tehran).
    assert intake.deadline == dt.datetime(2026, 11, 29, 12, 30, tzinfo=dt.UTC)
    assert case.documents.count() == 3

    eclock.advance(hours=3)
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    case.refresh_from_db()
    # The four inquiries run in parallel from the same moment.
    assert {k: v for k, v in statuses(case).items() if k in INQUIRIES} == dict.fromkeys(
        INQUIRIES, "active"
    )
    water = step(case, "water-inquiry")
    assert water.started_at == eclock.now
    assert water.agency is not None and water.agency.code == "water"

    # Gas asks the applicant for a correction; the other inquiries go on.
    gas = step(case, "gas-inquiry")
    eclock.advance(hours=1)
    step_decide(
        step=gas, actor=step_owner(gas), decision="return", reason="نقشهٔ لوله‌کشی گاز ناقص است"
    )
    case.refresh_from_db()
    assert case.status == Case.Status.RETURNED
    gas.refresh_from_db()
    assert (gas.status, gas.return_count, gas.reason) == (
        "returned",
        1,
        "نقشهٔ لوله‌کشی گاز ناقص است",
    )

    for key in ("water-inquiry", "electricity-inquiry", "planning-review"):
        s = step(case, key)
        form = {"branch_size": "3/4"} if key == "water-inquiry" else None
        step_decide(step=s, actor=step_owner(s), decision="approve", form_data=form)
    case.refresh_from_db()
    # The join waits for gas: payment stays pending.
    assert statuses(case)["payment"] == "pending"
    assert case.status == Case.Status.RETURNED

    # The applicant answers on Sunday 10:00 (Tehran); gas gets a fresh 40-hour deadline.
    eclock.set(dt.datetime(2026, 11, 29, 6, 30, tzinfo=dt.UTC))
    case_resubmit(
        case=case,
        form_data={"plot_address": "تهران، خیابان آزادی، کوچه بهار، پلاک ۱۲، واحد ۱"},
        documents=[doc("structural-plans")],
    )
    case.refresh_from_db()
    gas.refresh_from_db()
    assert case.status == Case.Status.IN_PROGRESS
    assert case.form_data["plot_address"].endswith("واحد ۱")
    assert (gas.status, gas.started_at, gas.decision) == ("active", eclock.now, "")
    # 40 hours from Sunday 10:00: Sun 6 + Mon 8 + Tue 8 + Wed 8 + Thu 4 + Sat 6 → Sat 14:00.
    assert gas.deadline == dt.datetime(2026, 12, 5, 10, 30, tzinfo=dt.UTC)

    step_decide(step=gas, actor=step_owner(gas), decision="approve")
    case.refresh_from_db()
    assert case.status == Case.Status.AWAITING_PAYMENT
    assert statuses(case)["payment"] == "active"

    # Payments: the fee is recorded, the payment hook closes the payment step (twice: no-op).
    case_record_fee(case=case, amount=116_000_000)
    case_payment_settled(case_id=case.pk, reference="pay-1", amount=116_000_000)
    case_payment_settled(case_id=case.pk, reference="pay-1", amount=116_000_000)
    case.refresh_from_db()
    assert case.payment_reference == "pay-1"
    assert statuses(case)["payment"] == "approved"
    assert statuses(case)["issuance"] == "active"

    issuance = step(case, "issuance")
    step_decide(step=issuance, actor=step_owner(issuance), decision="approve")
    case.refresh_from_db()
    assert (case.status, case.result) == ("approved", "approved")
    assert case.closed_at == eclock.now
    certificate = Certificate.objects.get(case=case)
    assert len(certificate.verification_code) == 12
    assert set(statuses(case).values()) == {"approved"}


def test_rejection_closes_the_case_and_skips_open_steps(ecity: Municipality, eclock: Clock) -> None:
    case = submit_permit(published_service(ecity))
    intake = step(case, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    water = step(case, "water-inquiry")
    with pytest.raises(DomainError) as caught:
        step_decide(step=water, actor=step_owner(water), decision="reject")
    assert caught.value.code == "reason_required"
    step_decide(step=water, actor=step_owner(water), decision="reject", reason="شبکه ظرفیت ندارد")
    case.refresh_from_db()
    assert (case.status, case.result, case.result_reason) == (
        "rejected",
        "rejected",
        "شبکه ظرفیت ندارد",
    )
    assert statuses(case) == {
        "intake-review": "approved",
        "water-inquiry": "rejected",
        "electricity-inquiry": "skipped",
        "gas-inquiry": "skipped",
        "planning-review": "skipped",
        "payment": "skipped",
        "issuance": "skipped",
    }
    assert not Certificate.objects.filter(case=case).exists()


def test_submission_validates_form_and_documents(ecity: Municipality, eclock: Clock) -> None:
    service = published_service(ecity)
    with pytest.raises(DomainError) as caught:
        submit_permit(service, national_id="12345")
    assert (caught.value.field, caught.value.code) == ("national_id", "invalid_form")
    assert "کد ملی مالک" in caught.value.message
    # Ten digits but a wrong check digit: refused by the engine too, not only the page.
    with pytest.raises(DomainError) as caught:
        submit_permit(service, national_id="1234567890")
    assert (caught.value.field, caught.value.code) == ("national_id", "invalid_form")
    assert caught.value.message.startswith("«کد ملی مالک» معتبر نیست")
    form = dict(PERMIT_FORM)
    del form["floors"]
    with pytest.raises(DomainError) as caught:
        case_submit(
            service=service,
            applicant_phone="09121234567",
            form_data=form,
            documents=permit_documents(),
        )
    assert caught.value.field == "floors"
    assert caught.value.message == "«تعداد طبقات» را وارد کنید."
    with pytest.raises(DomainError) as caught:
        case_submit(
            service=service,
            applicant_phone="09121234567",
            form_data=PERMIT_FORM,
            documents=permit_documents()[:2],
        )
    assert (caught.value.code, caught.value.field) == ("missing_document", "architectural-plans")
    with pytest.raises(DomainError) as caught:
        case_submit(
            service=service,
            applicant_phone="12",
            form_data=PERMIT_FORM,
            documents=permit_documents(),
        )
    assert caught.value.code == "invalid_phone"
    assert not Case.objects.exists()


def test_documents_are_checked_by_content() -> None:
    with pytest.raises(DomainError) as caught:
        prepare_document(doc_key="deed", name="deed.pdf", content=b"MZ\x90\x00 not a pdf")
    assert caught.value.code == "document_type"
    # A PDF header without the trailer is a truncated upload.
    with pytest.raises(DomainError):
        prepare_document(doc_key="deed", name="deed.pdf", content=b"%PDF-1.4\n" + b"x" * 100)
    assert prepare_document(doc_key="deed", name="x.png", content=pdf_bytes()).content_type == (
        "application/pdf"
    )


def test_cases_keep_their_definition_version(ecity: Municipality, eclock: Clock) -> None:
    from shahrvand.eservices.services import definition_load, definition_publish

    from .helpers import shipped

    service = published_service(ecity)
    old_case = submit_permit(service)
    changed = shipped("building-permit")
    changed["steps"][0]["deadline_hours"] = 8
    definition_publish(definition=definition_load(municipality=ecity, document=changed))
    new_case = submit_permit(service)
    assert (old_case.definition.version, new_case.definition.version) == (1, 2)
    assert step(old_case, "intake-review").deadline_hours == 16
    assert step(new_case, "intake-review").deadline_hours == 8
    # The old case goes on under version 1 although it is retired.
    intake = step(old_case, "intake-review")
    step_decide(step=intake, actor=step_owner(intake), decision="approve")
    assert step(old_case, "water-inquiry").status == CaseStep.Status.ACTIVE
