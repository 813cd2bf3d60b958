"""The agency API (mounted at /api/v1/agency/): an outside agency lists its open inquiries
and answers them. Every request is signed and logged by gate.AgencyGateMiddleware; this
module only sees requests whose signature was accepted."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.security import APIKeyHeader

from shahrvand.common.api_errors import ErrorOut
from shahrvand.eservices.models import CaseStep
from shahrvand.eservices.services import step_decide

from . import signing
from .models import AgencyCredential
from .selectors import inquiry_for, open_inquiries_for


class AgencySignature(APIKeyHeader):
    """Documents the scheme in OpenAPI; the checking itself is done by the gate."""

    param_name = signing.KEY_HEADER

    def authenticate(self, request: HttpRequest, key: str | None) -> AgencyCredential | None:
        return getattr(request, "agency_credential", None)


router = Router(tags=["agency"], auth=AgencySignature())
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}


class InquiryOut(Schema):
    id: int
    case: str
    service: str
    step: str
    name: str
    status: str
    started_at: dt.datetime | None
    deadline: dt.datetime | None
    round: int
    decisions: list[str]
    answer_form: dict[str, Any] | None
    application: dict[str, Any]


class AnswerIn(Schema):
    decision: Literal["approve", "reject", "return"]
    reason: str = ""
    form_data: dict[str, Any] = {}


class AnswerOut(Schema):
    id: int
    status: str
    decision: str
    decided_at: dt.datetime | None
    case_status: str


def inquiry_document(step: CaseStep) -> dict[str, Any]:
    spec = step.case.definition.step_spec(step.key)
    form = spec.get("form")
    decisions = spec.get("decisions", ["approve"])
    return {
        "id": step.pk,
        "case": step.case.tracking_code,
        "service": step.case.service.name_fa,
        "step": step.key,
        "name": step.name_fa,
        "status": step.status,
        "started_at": step.started_at,
        "deadline": step.deadline,
        "round": step.return_count + 1,
        "decisions": list(decisions) if isinstance(decisions, list) else ["approve"],
        "answer_form": form if isinstance(form, dict) else None,
        "application": step.case.form_data,
    }


def _credential(request: HttpRequest) -> AgencyCredential:
    credential: AgencyCredential = request.auth  # type: ignore[attr-defined]
    return credential


@router.get("/inquiries", response={200: list[InquiryOut], **ERRORS}, summary="Open inquiries")
def list_inquiries(request: HttpRequest) -> list[dict[str, Any]]:
    """The signing agency's active inquiries, oldest first."""
    agency = _credential(request).agency
    return [inquiry_document(step) for step in open_inquiries_for(agency)]


@router.get("/inquiries/{step_id}", response={200: InquiryOut, **ERRORS}, summary="One inquiry")
def get_inquiry(request: HttpRequest, step_id: int) -> dict[str, Any]:
    return inquiry_document(inquiry_for(_credential(request).agency, step_id))


@router.post("/inquiries/{step_id}/answer", response={200: AnswerOut, **ERRORS}, summary="Answer")
def answer_inquiry(request: HttpRequest, step_id: int, payload: AnswerIn) -> dict[str, Any]:
    """Approve, reject (reason required) or return to the applicant (reason required).
    Recorded as the agency's API identity, exactly like a decision in the agency's queue."""
    credential = _credential(request)
    step = inquiry_for(credential.agency, step_id)
    decided = step_decide(
        step=step,
        actor=credential.acting_user,
        decision=payload.decision,
        reason=payload.reason,
        form_data=payload.form_data or None,
    )
    decided.case.refresh_from_db(fields=["status"])
    return {
        "id": decided.pk,
        "status": decided.status,
        "decision": decided.decision,
        "decided_at": decided.decided_at,
        "case_status": decided.case.status,
    }
