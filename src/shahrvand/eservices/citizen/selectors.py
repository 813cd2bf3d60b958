"""What a citizen may see: published services, their own cases, issued certificates.

Cases belong to the phone number that applied; a citizen sees exactly the cases whose
`applicant_phone` is their verified number, in every municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet

from shahrvand.eservices.models import (
    Case,
    CaseAudit,
    CaseStep,
    Certificate,
    ProcessDefinition,
    Service,
)
from shahrvand.identity.models import CitizenAccount
from shahrvand.security.pii import blind_index
from shahrvand.tenancy.models import Municipality

from .search import matches, terms


def published_services(municipality: Municipality) -> QuerySet[Service]:
    """Services of the municipality that are published and have a published process."""
    live = ProcessDefinition.objects.filter(
        service=OuterRef("pk"), status=ProcessDefinition.Status.PUBLISHED
    )
    return (
        Service.objects.filter(municipality=municipality, is_published=True)
        .filter(Exists(live))
        .order_by("name_fa")
    )


def search_services(municipality: Municipality, query: str) -> list[Service]:
    """Published services matching every word of `query` in their name, description,
    eligibility or document names (Persian-normalised, half-spaces ignored)."""
    services = list(published_services(municipality))
    wanted = terms(query)
    if not wanted:
        return services
    return [s for s in services if matches(wanted, _searchable(s))]


def _searchable(service: Service) -> str:
    docs = " ".join(str(d.get("name_fa", "")) for d in service.required_documents or [])
    return " ".join(
        [service.name_fa, service.name_en, service.description_fa, service.eligibility_fa, docs]
    )


def published_definition(service: Service) -> ProcessDefinition | None:
    return service.definitions.filter(status=ProcessDefinition.Status.PUBLISHED).first()


def cases_of(account: CitizenAccount) -> QuerySet[Case]:
    return (
        Case.objects.filter(applicant_phone_index=blind_index(account.phone))
        .select_related("service", "municipality")
        .order_by("-submitted_at", "-id")
    )


def case_of(account: CitizenAccount, tracking_code: str) -> Case | None:
    """The citizen's own case with this code, with its steps and units; None otherwise."""
    steps = CaseStep.objects.select_related("department", "agency").order_by("position", "id")
    return (
        cases_of(account)
        .select_related("definition")
        .prefetch_related(Prefetch("steps", queryset=steps), "documents")
        .filter(tracking_code=tracking_code)
        .first()
    )


@dataclass(frozen=True)
class VerifiedCertificate:
    """What the public check shows: only what the certificate itself states."""

    code: str
    service_name: str
    municipality_name: str
    tracking_code: str
    issued_at: Any
    holder: str
    facts: list[tuple[str, str]]


def certificate_by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related(
            "case__service", "case__municipality", "case__definition"
        )
        .filter(verification_code=code.strip().upper())
        .first()
    )


HISTORY_FA = {
    "case_submitted": "درخواست ثبت شد",
    "step_activated": "بررسی آغاز شد",
    "step_decided": "تصمیم گرفته شد",
    "step_returned": "برای اصلاح بازگشت",
    "step_suspended": "متوقف شد",
    "step_resumed": "از سر گرفته شد",
    "step_extended": "مهلت تمدید شد",
    "case_corrected": "متقاضی اطلاعات را اصلاح کرد",
    "document_added": "مدرک پیوست شد",
    "case_paid": "هزینه پرداخت شد",
    "case_approved": "درخواست تأیید شد",
    "case_rejected": "درخواست رد شد",
    "certificate_issued": "گواهی صادر شد",
}


@dataclass(frozen=True)
class HistoryEntry:
    at: Any
    text: str
    step: str
    reason: str


def history_of(case: Case) -> list[HistoryEntry]:
    """The case's audit trail as the applicant reads it: events that matter to them, with
    the step they concern; staff names are left out (the unit is on the step)."""
    names = {s.pk: s.name_fa for s in case.steps.all()}
    entries = []
    for row in CaseAudit.objects.filter(case=case).order_by("at", "id"):
        text = HISTORY_FA.get(row.action)
        if text is None:
            continue
        step = names.get(row.object_id, "") if row.object_type == "casestep" else ""
        if row.action == "step_decided":
            decision = (row.after or {}).get("decision", "")
            text = {"approve": "تأیید شد", "reject": "رد شد", "return": "برای اصلاح بازگشت"}.get(
                decision, text
            )
        entries.append(HistoryEntry(at=row.at, text=text, step=step, reason=row.reason))
    return entries
