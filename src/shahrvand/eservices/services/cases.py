"""The applicant's writes: submitting a case, answering a return for correction, and the
payment hook the payments app calls."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.common.errors import DomainError, NotFound
from shahrvand.common.persian import normalize_mobile
from shahrvand.eservices.definitions import parse_unit
from shahrvand.eservices.models import Case, CaseStep, Service
from shahrvand.reports import tracking
from shahrvand.tenancy.models import Department, ExternalAgency

from . import clock
from .audit import Actor, applicant_actor, snapshot, system_actor
from .definitions import published_definition
from .documents import PreparedDocument, delete_written, store_documents
from .engine import CASE_FIELDS, activate, approve, refresh_status, save_case, validate_form
from .transitions import record_step


def _check_documents(
    definition: dict[str, Any], documents: list[PreparedDocument], *, have: set[str]
) -> None:
    specs = {d["key"]: d for d in definition.get("documents", [])}
    for doc in documents:
        if doc.doc_key not in specs:
            raise DomainError(
                "مدرک فرستاده‌شده در فهرست مدارک این خدمت نیست.",
                message_en=f"Document '{doc.doc_key}' is not one this service asks for.",
                field=doc.doc_key,
                code="unknown_document",
            )
    given = have | {d.doc_key for d in documents}
    for key, spec in specs.items():
        if spec.get("required") and key not in given:
            raise DomainError(
                f"مدرک «{spec['name_fa']}» را پیوست کنید.",
                message_en=f"Attach the document '{spec.get('name_en') or key}'.",
                field=key,
                code="missing_document",
            )


def _new_tracking_code() -> str:
    for _ in range(10):
        code = tracking.new_code()
        if not Case.objects.filter(tracking_code=code).exists():
            return code
    raise RuntimeError("could not draw a free tracking code")


@transaction.atomic
def case_submit(
    *,
    service: Service,
    applicant_phone: str,
    form_data: dict[str, Any],
    documents: list[PreparedDocument],
    applicant_user: User | None = None,
    applicant_name: str = "",
) -> Case:
    """Open a case on the published version of `service`: validate the form (JSON Schema)
    and the required documents, create every step (pending) and activate those that wait
    for nothing. Returns the case; raises DomainError with a Persian message."""
    definition = published_definition(service)
    phone = normalize_mobile(applicant_phone)
    if phone is None:
        raise DomainError(
            "شمارهٔ همراه متقاضی معتبر نیست.",
            message_en="The applicant's mobile number is not valid.",
            field="applicant_phone",
            code="invalid_phone",
        )
    spec = definition.definition
    validate_form(spec["form"], form_data)
    _check_documents(spec, documents, have=set())
    at = clock.now()
    case = Case.objects.create(
        municipality_id=service.municipality_id,
        service=service,
        definition=definition,
        tracking_code=_new_tracking_code(),
        applicant_phone=phone,
        applicant_user=applicant_user,
        applicant_name=applicant_name.strip()[:160],
        form_data=form_data,
        submitted_at=at,
    )
    actor = applicant_actor(case, applicant_user)
    save_case(case, actor, "case_submitted", {}, at)
    departments = {
        d.code: d for d in Department.objects.filter(municipality_id=case.municipality_id)
    }
    agencies = {
        a.code: a for a in ExternalAgency.objects.filter(municipality_id=case.municipality_id)
    }
    roots = []
    for position, step_spec in enumerate(spec["steps"]):
        unit = parse_unit(step_spec["unit"])
        assert unit is not None  # validated when the definition was loaded
        step = CaseStep(
            case=case,
            key=step_spec["key"],
            position=position,
            kind=step_spec.get("kind", CaseStep.Kind.TASK),
            name_fa=step_spec["name_fa"],
            name_en=step_spec.get("name_en", ""),
            after=list(step_spec.get("after", [])),
            department=departments.get(unit[1]) if unit[0] == "department" else None,
            agency=agencies.get(unit[1]) if unit[0] == "agency" else None,
            role=step_spec["role"],
            deadline_hours=float(step_spec["deadline_hours"]),
        )
        if step.department is None and step.agency is None:
            raise DomainError(
                "یکی از واحدهای این فرایند دیگر وجود ندارد؛ با شهرداری تماس بگیرید.",
                message_en=f"Unit {step_spec['unit']} of this process no longer exists.",
                code="unit_missing",
            )
        record_step(step, actor, "step_created", {}, at)
        if not step.after:
            roots.append(step)
    written: list[str] = []
    try:
        store_documents(
            case=case, documents=documents, actor=actor, step=None, at=at, written=written
        )
        for step in roots:
            activate(step, actor, at)
        refresh_status(case, actor, at)
    except BaseException:
        delete_written(written)
        raise
    return case


@transaction.atomic
def case_resubmit(
    *,
    case: Case,
    form_data: dict[str, Any],
    documents: list[PreparedDocument],
    applicant_user: User | None = None,
) -> Case:
    """The applicant's answer to a return for correction: `form_data` (changed fields)
    is merged into the case's form and validated again, new documents are stored, and every
    returned step becomes active again with a fresh deadline."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.status != Case.Status.RETURNED:
        raise DomainError(
            "این پرونده منتظر اصلاح از سوی متقاضی نیست.",
            message_en="This case is not waiting for a correction.",
            code="not_returned",
        )
    spec = case.definition.definition
    merged = {**case.form_data, **form_data}
    validate_form(spec["form"], merged)
    _check_documents(spec, documents, have=set(case.documents.values_list("doc_key", flat=True)))
    at = clock.now()
    actor = applicant_actor(case, applicant_user)
    if merged != case.form_data:
        before = snapshot(case, CASE_FIELDS)
        case.form_data = merged
        save_case(case, actor, "case_corrected", before, at)
    written: list[str] = []
    try:
        store_documents(
            case=case, documents=documents, actor=actor, step=None, at=at, written=written
        )
        for step in case.steps.select_for_update().filter(status=CaseStep.Status.RETURNED):
            activate(step, actor, at)
        refresh_status(case, actor, at)
    except BaseException:
        delete_written(written)
        raise
    return case


@transaction.atomic
def case_record_fee(*, case: Case, amount: int) -> Case:
    """Store the fee (rials) computed by payments.fees for `case` (audited)."""
    case = Case.objects.select_for_update().get(pk=case.pk)
    if case.fee_amount == amount:
        return case
    before = snapshot(case, CASE_FIELDS)
    case.fee_amount = amount
    save_case(case, system_actor("محاسبهٔ عوارض"), "case_fee", before, clock.now())
    return case


@transaction.atomic
def case_payment_settled(
    *, case_id: int, reference: str, amount: int | None = None, actor: Actor | None = None
) -> Case:
    """Called by the payments app when the case's payment is confirmed: the active payment
    step is approved and the process moves on. Idempotent: a second call with the same
    reference changes nothing."""
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None:
        raise NotFound("پرونده پیدا نشد.", message_en="Case not found.", code="case_not_found")
    step = (
        case.steps.select_for_update()
        .filter(kind=CaseStep.Kind.PAYMENT, status=CaseStep.Status.ACTIVE)
        .first()
    )
    if step is None:
        if case.payment_reference == reference:
            return case
        raise DomainError(
            "این پرونده منتظر پرداخت نیست.",
            message_en="This case is not waiting for a payment.",
            code="not_awaiting_payment",
        )
    if case.fee_amount is not None and amount is not None and amount < case.fee_amount:
        raise DomainError(
            "مبلغ پرداخت‌شده کمتر از عوارض این پرونده است.",
            message_en=f"Paid {amount} rials, the case's fee is {case.fee_amount}.",
            code="underpaid",
        )
    actor = actor or system_actor("درگاه پرداخت")
    at = clock.now()
    before = snapshot(case, CASE_FIELDS)
    case.payment_reference = reference[:64]
    save_case(case, actor, "case_paid", before, at)
    approve(case, step, actor, at)
    return case
