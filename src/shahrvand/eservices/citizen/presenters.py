"""The case as the applicant reads it: each step with its unit and times, in plain Persian."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from shahrvand.eservices.models import Case, CaseStep

DECISIONS_FA = {"approve": "تأیید", "reject": "رد", "return": "بازگشت برای اصلاح"}


@dataclass(frozen=True)
class StepView:
    key: str
    name: str
    unit: str
    status: str
    status_label: str
    status_text: str
    started_at: dt.datetime | None
    deadline: dt.datetime | None
    decided_at: dt.datetime | None
    decision: str
    reason: str
    overdue: bool
    is_payment: bool
    parallel_with: int


def _unit_name(step: CaseStep) -> str:
    if step.department_id:
        return step.department.name_fa if step.department else ""
    if step.agency_id:
        return step.agency.name_fa if step.agency else ""
    return ""


def steps_for(case: Case) -> list[StepView]:
    """Every step of the case in process order. `parallel_with` counts the other steps
    that wait for exactly the same predecessors (they run side by side)."""
    steps = list(case.steps.all())
    now = timezone.now()
    spec_steps = {s["key"]: s for s in case.definition.definition.get("steps", [])}
    views = []
    for step in steps:
        spec: dict[str, Any] = spec_steps.get(step.key, {})
        open_now = step.status in (CaseStep.Status.ACTIVE, CaseStep.Status.SUSPENDED)
        siblings = sum(
            1 for s in steps if s.pk != step.pk and sorted(s.after) == sorted(step.after)
        )
        views.append(
            StepView(
                key=step.key,
                name=step.name_fa,
                unit=_unit_name(step),
                status=step.status,
                status_label=step.get_status_display(),
                status_text=str(spec.get("status_fa") or ""),
                started_at=step.started_at,
                deadline=step.deadline,
                decided_at=step.decided_at,
                decision=DECISIONS_FA.get(step.decision, ""),
                reason=step.reason,
                overdue=bool(open_now and step.deadline and step.deadline < now),
                is_payment=step.kind == CaseStep.Kind.PAYMENT,
                parallel_with=siblings,
            )
        )
    return views


def current_text(case: Case, steps: list[StepView]) -> str:
    """One sentence for where the case stands now."""
    if case.status == Case.Status.APPROVED:
        return "درخواست شما تأیید شد و گواهی آن صادر شده است."
    if case.status == Case.Status.REJECTED:
        return "درخواست شما رد شد." + (f" دلیل: {case.result_reason}" if case.result_reason else "")
    if case.status == Case.Status.RETURNED:
        return "پرونده برای اصلاح به شما بازگشته است؛ توضیح کارشناس را بخوانید و پاسخ دهید."
    if case.status == Case.Status.AWAITING_PAYMENT:
        return "پرونده منتظر پرداخت هزینه از سوی شماست."
    active = [s for s in steps if s.status == CaseStep.Status.ACTIVE]
    if active:
        texts = [s.status_text or f"در حال بررسی در {s.unit}" for s in active]
        return "؛ ".join(dict.fromkeys(texts))
    return case.get_status_display()


def returned_steps(steps: list[StepView]) -> list[StepView]:
    return [s for s in steps if s.status == CaseStep.Status.RETURNED]
