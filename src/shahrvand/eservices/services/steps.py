"""Staff and agency writes on a step: decide, suspend, resume, extend.

Only the step's named role in the step's named unit (of the case's municipality) may
decide it; suspension and extension are supervision, allowed to the municipality's admin
and to the manager of the step's department. Every write is audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.common.errors import DomainError, PermissionDenied
from shahrvand.deadlines.business_hours import add_business_hours, business_hours_between
from shahrvand.deadlines.calendar import calendar_for
from shahrvand.eservices.models import Case, CaseStep
from shahrvand.eservices.workflow import StepStatus
from shahrvand.tenancy.models import Role

from . import clock
from .audit import Actor, snapshot, staff_actor
from .engine import approve, record_decision, refresh_status, reject, validate_form
from .transitions import STEP_FIELDS, record_step, step_move

DECISION_NAMES = {"approve": "تأیید", "reject": "رد", "return": "بازگشت به متقاضی"}


def may_decide(actor: Actor, step: CaseStep) -> bool:
    profile = actor.profile
    if profile is None or profile.municipality_id != step.case.municipality_id:
        return False
    if profile.role != step.role:
        return False
    if step.department_id is not None:
        return profile.department_id == step.department_id
    return step.agency_id is not None and profile.agency_id == step.agency_id


def may_supervise(actor: Actor, step: CaseStep) -> bool:
    profile = actor.profile
    if profile is None or profile.municipality_id != step.case.municipality_id:
        return False
    if profile.role == Role.MUNICIPALITY_ADMIN:
        return True
    return (
        profile.role == Role.DEPARTMENT_MANAGER
        and step.department_id is not None
        and profile.department_id == step.department_id
    )


def _locked(step: CaseStep) -> tuple[Case, CaseStep]:
    case = Case.objects.select_for_update().get(pk=step.case_id)
    locked = (
        CaseStep.objects.select_for_update(of=("self",))
        .select_related("department", "agency")
        .get(pk=step.pk)
    )
    locked.case = case
    return case, locked


def _unit_name(step: CaseStep) -> str:
    unit = step.unit
    return unit.name_fa if unit is not None else "—"


def _require_reason(reason: str, what: str) -> str:
    reason = reason.strip()
    if not reason:
        raise DomainError(
            f"برای {what} دلیل را بنویسید.",
            message_en="A reason is required.",
            field="reason",
            code="reason_required",
        )
    return reason


@transaction.atomic
def step_decide(
    *,
    step: CaseStep,
    actor: User,
    decision: str,
    reason: str = "",
    form_data: dict[str, Any] | None = None,
) -> CaseStep:
    """Record `actor`'s decision on an active step: approve (moves the process on), reject
    (closes the case, reason required) or return to the applicant for correction (reason
    required). Returns the step."""
    case, step = _locked(step)
    who = staff_actor(actor)
    if not may_decide(who, step):
        raise PermissionDenied(
            f"فقط «{Role(step.role).label}» در «{_unit_name(step)}» می‌تواند دربارهٔ این مرحله "
            "تصمیم بگیرد.",
            message_en=f"Only the role {step.role} of unit {step.unit_ref} may decide this step.",
            code="not_step_owner",
        )
    if step.kind == CaseStep.Kind.PAYMENT:
        raise DomainError(
            "مرحلهٔ پرداخت با تأیید پرداخت بسته می‌شود.",
            message_en="A payment step closes when the payment is confirmed.",
            code="payment_step",
        )
    if step.status != StepStatus.ACTIVE:
        raise DomainError(
            f"این مرحله در وضعیت «{step.get_status_display()}» است و تصمیم نمی‌پذیرد.",
            message_en=f"The step is {step.status}; it takes no decision.",
            code="step_not_active",
        )
    spec = case.definition.step_spec(step.key)
    allowed = list(spec.get("decisions", ["approve"]))  # type: ignore[call-overload]
    if decision not in allowed:
        raise DomainError(
            "این تصمیم در این مرحله مجاز نیست.",
            message_en=f"Decision '{decision}' is not allowed here ({', '.join(allowed)}).",
            field="decision",
            code="decision_not_allowed",
        )
    if decision != "approve":
        reason = _require_reason(reason, DECISION_NAMES[decision])
    data = form_data or {}
    if decision == "approve" and isinstance(spec.get("form"), dict):
        validate_form(spec["form"], data, field_prefix="step.")  # type: ignore[arg-type]
    at = clock.now()
    reason = reason.strip()
    if decision == "approve":
        approve(case, step, who, at, reason=reason, form_data=data)
        return step
    record_decision(step, decision, who, at, reason=reason, form_data=data)
    if decision == "return":
        refresh_status(case, who, at)
    else:
        reject(case, reason, who, at)
    return step


def _supervisor(step: CaseStep, actor: User) -> Actor:
    who = staff_actor(actor)
    if not may_supervise(who, step):
        raise PermissionDenied(
            "توقف و تمدید مهلت فقط با مدیر واحد مسئول یا مدیر سامانهٔ شهرداری است.",
            message_en="Only the unit's manager or the municipality admin may suspend or "
            "extend a step.",
            code="not_supervisor",
        )
    return who


@transaction.atomic
def step_suspend(*, step: CaseStep, actor: User, reason: str) -> CaseStep:
    """Stop the step's clock (e.g. waiting for a court order); the reason is required and
    shown in the history."""
    _, step = _locked(step)
    who = _supervisor(step, actor)
    reason = _require_reason(reason, "توقف")
    if step.status != StepStatus.ACTIVE:
        raise DomainError(
            "فقط مرحلهٔ در حال بررسی متوقف می‌شود.",
            message_en="Only an active step can be suspended.",
            code="step_not_active",
        )
    at = clock.now()
    return step_move(
        step,
        StepStatus.SUSPENDED,
        actor=who,
        action="step_suspended",
        at=at,
        audit_reason=reason,
        suspended_at=at,
    )


@transaction.atomic
def step_resume(*, step: CaseStep, actor: User) -> CaseStep:
    """Restart a suspended step's clock: the working hours of the suspension are added to
    `paused_hours` and the deadline moves forward by the working time that was left."""
    case, step = _locked(step)
    who = _supervisor(step, actor)
    if step.status != StepStatus.SUSPENDED or step.suspended_at is None:
        raise DomainError(
            "این مرحله متوقف نیست.",
            message_en="The step is not suspended.",
            code="step_not_suspended",
        )
    at = clock.now()
    calendar = calendar_for(case.municipality_id)
    deadline = step.deadline
    if deadline is not None and deadline > step.suspended_at:
        left = business_hours_between(step.suspended_at, deadline, calendar)
        deadline = add_business_hours(at, left, calendar)
    return step_move(
        step,
        StepStatus.ACTIVE,
        actor=who,
        action="step_resumed",
        at=at,
        paused_hours=step.paused_hours + business_hours_between(step.suspended_at, at, calendar),
        deadline=deadline,
        suspended_at=None,
    )


@transaction.atomic
def step_extend(*, step: CaseStep, actor: User, hours: float, reason: str) -> CaseStep:
    """Give an open step `hours` more business hours (reason required, shown in history)."""
    case, step = _locked(step)
    who = _supervisor(step, actor)
    reason = _require_reason(reason, "تمدید")
    if not 0 < hours <= 400:
        raise DomainError(
            "مدت تمدید باید بین ۱ تا ۴۰۰ ساعت کاری باشد.",
            message_en="The extension must be between 1 and 400 business hours.",
            field="hours",
            code="bad_extension",
        )
    if step.status not in (StepStatus.ACTIVE, StepStatus.SUSPENDED) or step.deadline is None:
        raise DomainError(
            "فقط مهلت مرحلهٔ باز تمدید می‌شود.",
            message_en="Only an open step's deadline can be extended.",
            code="step_not_active",
        )
    at = clock.now()
    before = snapshot(step, STEP_FIELDS)
    step.deadline = add_business_hours(step.deadline, hours, calendar_for(case.municipality_id))
    step.extended_hours += hours
    record_step(step, who, "step_extended", before, at, reason=reason)
    return step
