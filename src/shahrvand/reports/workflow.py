"""The report status state machine: every status and every legal move, in one place.

Status changes happen only through `shahrvand.reports.services.status`, which asks this
module first. Anything not listed in TRANSITIONS is refused with IllegalTransition.
"""

from __future__ import annotations

from django.db import models

from shahrvand.common.errors import DomainError


class Status(models.TextChoices):
    SUBMITTED = "submitted", "ثبت شده"
    TRIAGED = "triaged", "بررسی اولیه شده"
    ASSIGNED = "assigned", "ارجاع شده"
    IN_PROGRESS = "in_progress", "در حال رسیدگی"
    FORWARDED_EXTERNAL = "forwarded_external", "ارجاع به دستگاه بیرونی"
    ON_HOLD = "on_hold", "در انتظار"
    RESOLVED = "resolved", "رسیدگی شده"
    CLOSED = "closed", "بسته شده"
    REJECTED = "rejected", "رد شده"
    DUPLICATE = "duplicate", "تکراری"
    REOPENED = "reopened", "بازگشایی شده"


_WORKING = {Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED_EXTERNAL}

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED: frozenset(
        {
            Status.TRIAGED,
            Status.ASSIGNED,
            Status.FORWARDED_EXTERNAL,
            Status.ON_HOLD,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.TRIAGED: frozenset(
        {
            Status.ASSIGNED,
            Status.FORWARDED_EXTERNAL,
            Status.ON_HOLD,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.ASSIGNED: frozenset(
        {
            Status.IN_PROGRESS,
            Status.FORWARDED_EXTERNAL,
            Status.ON_HOLD,
            Status.RESOLVED,
            Status.REJECTED,
            Status.DUPLICATE,
        }
    ),
    Status.IN_PROGRESS: frozenset({Status.FORWARDED_EXTERNAL, Status.ON_HOLD, Status.RESOLVED}),
    Status.FORWARDED_EXTERNAL: frozenset(
        {Status.ASSIGNED, Status.IN_PROGRESS, Status.ON_HOLD, Status.RESOLVED}
    ),
    Status.ON_HOLD: frozenset(
        {Status.TRIAGED, Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED_EXTERNAL}
    ),
    Status.RESOLVED: frozenset({Status.CLOSED, Status.REOPENED}),
    Status.CLOSED: frozenset({Status.REOPENED}),
    Status.REJECTED: frozenset({Status.REOPENED}),
    Status.DUPLICATE: frozenset({Status.REOPENED}),
    Status.REOPENED: frozenset(
        {
            Status.TRIAGED,
            Status.ASSIGNED,
            Status.IN_PROGRESS,
            Status.FORWARDED_EXTERNAL,
            Status.ON_HOLD,
            Status.RESOLVED,
        }
    ),
}

# Statuses in which the report is still the city's to work on.
OPEN_STATUSES = frozenset(Status) - {
    Status.RESOLVED,
    Status.CLOSED,
    Status.REJECTED,
    Status.DUPLICATE,
}
# Open311 maps everything that needs no more work to "closed".
OPEN311_CLOSED = frozenset({Status.RESOLVED, Status.CLOSED, Status.REJECTED, Status.DUPLICATE})
# Statuses that need a written reason, shown to the citizen.
NEEDS_NOTE = frozenset({Status.REJECTED, Status.ON_HOLD, Status.RESOLVED})


class IllegalTransition(DomainError):
    """A status move the state machine does not allow; the message is for people (Persian)."""

    code = "illegal_transition"

    def __init__(self, current: Status, target: Status, message: str | None = None) -> None:
        self.current = current
        self.target = target
        super().__init__(
            message or f"تغییر وضعیت از «{current.label}» به «{target.label}» مجاز نیست.",
            message_en=f"Illegal transition {current.value} -> {target.value}.",
            field="status",
        )


def allowed_targets(current: str) -> frozenset[Status]:
    return TRANSITIONS[Status(current)]


def check_transition(
    current: str, target: str, *, note: str = "", duplicate_of: object = None
) -> None:
    """Raise IllegalTransition unless `current → target` is legal with what was supplied."""
    cur, tgt = Status(current), Status(target)
    if tgt not in TRANSITIONS[cur]:
        raise IllegalTransition(cur, tgt)
    if tgt in NEEDS_NOTE and not note.strip():
        raise IllegalTransition(
            cur, tgt, f"برای وضعیت «{tgt.label}» نوشتن توضیح برای شهروند الزامی است."
        )
    if tgt == Status.DUPLICATE and duplicate_of is None:
        raise IllegalTransition(cur, tgt, "برای اعلام تکراری، گزارش اصلی را مشخص کنید.")


def is_working(status: str) -> bool:
    return Status(status) in _WORKING
