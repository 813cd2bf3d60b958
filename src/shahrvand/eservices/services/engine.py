"""The process engine shared by the services: step activation, joins, case completion.

Internal: callers hold the case row locked and are inside a transaction.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from jsonschema import validators

from shahrvand.common.errors import DomainError
from shahrvand.deadlines.business_hours import add_business_hours
from shahrvand.deadlines.calendar import calendar_for
from shahrvand.eservices.definitions.formats import FORMAT_CHECKER, format_error
from shahrvand.eservices.models import Case, CaseStep, Certificate
from shahrvand.eservices.workflow import OPEN, StepStatus

from .audit import Actor, audit, snapshot
from .transitions import step_move

CASE_FIELDS = (
    "status",
    "form_data",
    "closed_at",
    "result",
    "result_reason",
    "fee_amount",
    "payment_reference",
)


def step_deadline(case: Case, start: dt.datetime, hours: float) -> dt.datetime:
    return add_business_hours(start, hours, calendar_for(case.municipality_id))


def validate_form(schema: dict[str, Any], data: Any, *, field_prefix: str = "") -> None:
    """Check `data` against a JSON Schema; the first problem becomes a DomainError naming
    the field (its title, if the schema gives one). Identifier formats (national ID, postal
    code, mobile) are checked too, in their canonical form."""
    validator = validators.validator_for(schema)(schema, format_checker=FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(data), key=lambda e: [str(p) for p in e.absolute_path])
    if not errors:
        return
    error = errors[0]
    path = [str(p) for p in error.absolute_path]
    if error.validator == "required" and isinstance(error.instance, dict):
        missing = next((r for r in error.validator_value if r not in error.instance), "")
        path.append(str(missing))
    name = ".".join(path)
    title = name
    node: Any = schema
    for part in path:
        node = node.get("properties", {}).get(part, {}) if isinstance(node, dict) else {}
    if isinstance(node, dict) and node.get("title"):
        title = str(node["title"])
    if error.validator == "required":
        message = f"«{title}» را وارد کنید."
    elif error.validator == "format" and isinstance(node, dict) and format_error(node, title):
        message = str(format_error(node, title))
    else:
        message = f"مقدار «{title}» پذیرفته نیست." if title else "اطلاعات فرم پذیرفته نیست."
    raise DomainError(
        message,
        message_en=f"{name or 'form'}: {error.message}",
        field=f"{field_prefix}{name}",
        code="invalid_form",
    )


def activate(step: CaseStep, actor: Actor, at: dt.datetime) -> None:
    """Start a pending or returned step's round: a fresh deadline, no decision yet."""
    step_move(
        step,
        StepStatus.ACTIVE,
        actor=actor,
        action="step_activated",
        at=at,
        started_at=at,
        deadline=step_deadline(step.case, at, step.deadline_hours),
        decided_at=None,
        decided_by=None,
        decision="",
        reason="",
    )


DECIDED = {
    "approve": StepStatus.APPROVED,
    "reject": StepStatus.REJECTED,
    "return": StepStatus.RETURNED,
}


def record_decision(
    step: CaseStep,
    decision: str,
    actor: Actor,
    at: dt.datetime,
    *,
    reason: str = "",
    form_data: dict[str, Any] | None = None,
) -> None:
    """Close the active `step`'s round with `decision` ("approve", "reject" or "return") in
    `actor`'s name. `form_data` (the step's own form) replaces the step's when given; a
    return counts one more round."""
    fields: dict[str, Any] = {
        "decision": decision,
        "reason": reason,
        "decided_at": at,
        "decided_by": actor.user,
        "decided_by_label": actor.label,
    }
    if form_data is not None:
        fields["form_data"] = form_data
    if decision == "return":
        fields["return_count"] = step.return_count + 1
    step_move(
        step,
        DECIDED[decision],
        actor=actor,
        action="step_decided",
        at=at,
        audit_reason=reason,
        **fields,
    )


def approve(
    case: Case,
    step: CaseStep,
    actor: Actor,
    at: dt.datetime,
    *,
    reason: str = "",
    form_data: dict[str, Any] | None = None,
) -> None:
    """Approve the active `step` and move the process on: the one approval shared by a
    staff decision (step_decide) and a settled payment (case_payment_settled)."""
    record_decision(step, "approve", actor, at, reason=reason, form_data=form_data)
    advance(case, step, actor, at)


def refresh_status(case: Case, actor: Actor, at: dt.datetime) -> None:
    """Derive the open case's status from its steps (audited when it changes)."""
    if case.closed_at is not None:
        return
    steps = list(case.steps.all())
    if any(s.status == CaseStep.Status.RETURNED for s in steps):
        status = Case.Status.RETURNED
    elif any(s.status == CaseStep.Status.ACTIVE and s.kind == CaseStep.Kind.PAYMENT for s in steps):
        status = Case.Status.AWAITING_PAYMENT
    else:
        status = Case.Status.IN_PROGRESS
    if status != case.status:
        before = snapshot(case, CASE_FIELDS)
        case.status = status
        save_case(case, actor, "case_status", before, at)


def save_case(
    case: Case,
    actor: Actor,
    action: str,
    before: dict[str, Any],
    at: dt.datetime,
    reason: str = "",
) -> None:
    case.save()
    audit(
        case=case,
        actor=actor,
        action=action,
        obj=case,
        before=before,
        after=snapshot(case, CASE_FIELDS),
        at=at,
        reason=reason,
    )


def advance(case: Case, approved: CaseStep, actor: Actor, at: dt.datetime) -> None:
    """After `approved` was approved: activate every step whose predecessors are now all
    approved (a join waits for all), or complete the case if it was the final step."""
    spec = case.definition.step_spec(approved.key)
    if spec.get("final"):
        complete(case, actor, at)
        return
    steps = {s.key: s for s in case.steps.select_for_update()}
    for step in steps.values():
        if step.status != StepStatus.PENDING or approved.key not in step.after:
            continue
        if all(steps[k].status == StepStatus.APPROVED for k in step.after):
            activate(step, actor, at)
    refresh_status(case, actor, at)


def close_open_steps(case: Case, actor: Actor, at: dt.datetime) -> None:
    for step in case.steps.select_for_update().filter(status__in=OPEN):
        step_move(
            step, StepStatus.SKIPPED, actor=actor, action="step_skipped", at=at, suspended_at=None
        )


def complete(case: Case, actor: Actor, at: dt.datetime) -> None:
    close_open_steps(case, actor, at)
    before = snapshot(case, CASE_FIELDS)
    case.status = Case.Status.APPROVED
    case.result = "approved"
    case.closed_at = at
    save_case(case, actor, "case_approved", before, at)
    certificate = Certificate.objects.create(
        case=case, verification_code=_verification_code(), issued_at=at
    )
    audit(
        case=case,
        actor=actor,
        action="certificate_issued",
        obj=certificate,
        before={},
        after=snapshot(certificate, ("verification_code", "issued_at")),
        at=at,
    )


def reject(case: Case, reason: str, actor: Actor, at: dt.datetime) -> None:
    close_open_steps(case, actor, at)
    before = snapshot(case, CASE_FIELDS)
    case.status = Case.Status.REJECTED
    case.result = "rejected"
    case.result_reason = reason
    case.closed_at = at
    save_case(case, actor, "case_rejected", before, at, reason=reason)


def _verification_code() -> str:
    """12 characters from an alphabet without look-alikes (0/O, 1/I/L), CSPRNG-drawn."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    for _ in range(10):
        code = "".join(secrets.choice(alphabet) for _ in range(12))
        if not Certificate.objects.filter(verification_code=code).exists():
            return code
    raise RuntimeError("could not draw a free verification code")
