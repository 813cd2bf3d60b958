"""The step status state machine of e-service cases: every status and every legal move.

A step's status changes only through `services.transitions.step_move`, which asks this
module first; anything not listed in TRANSITIONS raises IllegalStepMove. A step never
"moves" to the status it already has.

pending ──► active      its predecessors are all approved (or it waits for nothing)
   └──────► skipped     the case was closed before its turn came
active ───► approved    decided "approve", or its payment settled (terminal)
   │──────► rejected    decided "reject"; the case is rejected with it (terminal)
   │──────► returned    sent back to the applicant for correction
   │──────► suspended   its clock stopped by a supervisor
   └──────► skipped     the case was closed by another step (terminal)
suspended ► active      resumed by a supervisor
   └──────► skipped     the case was closed meanwhile
returned ─► active      the applicant answered; a fresh deadline starts on the same row
"""

from __future__ import annotations

from django.db import models

from shahrvand.common.errors import DomainError


class StepStatus(models.TextChoices):
    PENDING = "pending", "در انتظار مراحل قبل"
    ACTIVE = "active", "در حال بررسی"
    RETURNED = "returned", "بازگشت به متقاضی"
    APPROVED = "approved", "تأیید شد"
    REJECTED = "rejected", "رد شد"
    SUSPENDED = "suspended", "متوقف"
    SKIPPED = "skipped", "لغو شد"


TRANSITIONS: dict[StepStatus, frozenset[StepStatus]] = {
    StepStatus.PENDING: frozenset({StepStatus.ACTIVE, StepStatus.SKIPPED}),
    StepStatus.ACTIVE: frozenset(
        {
            StepStatus.APPROVED,
            StepStatus.REJECTED,
            StepStatus.RETURNED,
            StepStatus.SUSPENDED,
            StepStatus.SKIPPED,
        }
    ),
    StepStatus.SUSPENDED: frozenset({StepStatus.ACTIVE, StepStatus.SKIPPED}),
    StepStatus.RETURNED: frozenset({StepStatus.ACTIVE}),
    StepStatus.APPROVED: frozenset(),
    StepStatus.REJECTED: frozenset(),
    StepStatus.SKIPPED: frozenset(),
}
TERMINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# Steps still waiting for someone: closing the case skips them.
OPEN = frozenset({StepStatus.PENDING, StepStatus.ACTIVE, StepStatus.SUSPENDED})


class IllegalStepMove(DomainError):
    """A step status move the state machine does not allow (Persian message)."""

    code = "step_illegal_move"
    http_status = 409

    def __init__(self, current: StepStatus, target: StepStatus) -> None:
        self.current = current
        self.target = target
        super().__init__(
            f"مرحله از وضعیت «{current.label}» به «{target.label}» نمی‌رود.",
            message_en=f"A step cannot go from {current.value} to {target.value}.",
        )


def can_move(current: str, target: str) -> bool:
    return StepStatus(target) in TRANSITIONS[StepStatus(current)]


def check_move(current: str, target: str) -> None:
    """Raise IllegalStepMove unless `current → target` is an edge of the machine."""
    if not can_move(current, target):
        raise IllegalStepMove(StepStatus(current), StepStatus(target))
