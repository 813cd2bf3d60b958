"""The one place where a case step's status changes (checked against workflow.py), audited.

Internal: callers hold the step (and its case) locked and are inside a transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from shahrvand.eservices.models import CaseStep
from shahrvand.eservices.workflow import StepStatus, check_move

from .audit import Actor, audit, snapshot

# What a step's audit rows record before and after every write.
STEP_FIELDS = (
    "status",
    "started_at",
    "deadline",
    "suspended_at",
    "paused_hours",
    "extended_hours",
    "decided_at",
    "decided_by",
    "decision",
    "reason",
    "form_data",
    "return_count",
)


def record_step(
    step: CaseStep,
    actor: Actor,
    action: str,
    before: dict[str, Any],
    at: dt.datetime,
    reason: str = "",
) -> None:
    """Save `step` and append its audit row (`before` is the snapshot taken before the write;
    `{}` for a new step). Status changes go through `step_move` instead."""
    step.save()
    audit(
        case=step.case,
        actor=actor,
        action=action,
        obj=step,
        before=before,
        after=snapshot(step, STEP_FIELDS),
        at=at,
        reason=reason,
    )


def step_move(
    step: CaseStep,
    target: StepStatus,
    *,
    actor: Actor,
    action: str,
    at: dt.datetime,
    audit_reason: str = "",
    **fields: Any,
) -> CaseStep:
    """Move a locked `step` to `target`, set `fields` with it, save, and append one audit
    row (`action`, `audit_reason`) with the values before and after. Raises IllegalStepMove,
    with nothing written, unless the move is an edge of workflow.TRANSITIONS. Returns the
    step."""
    check_move(step.status, target)
    before = snapshot(step, STEP_FIELDS)
    step.status = target
    for name, value in fields.items():
        setattr(step, name, value)
    record_step(step, actor, action, before, at, reason=audit_reason)
    return step
