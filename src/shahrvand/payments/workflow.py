"""The payment state machine: every status change goes through `check_transition`.

started ──► paid        the provider verified the money (terminal)
   │──────► failed      the payer cancelled at the bank, or the provider refused (terminal)
   │──────► expired     nobody finished it in time; an unverified bank payment is
   │                    reversed by the gateway itself, so expired is terminal too
   └──────► cancelled   the payer or the payer's domain abandoned it before the bank
"""

from __future__ import annotations

from django.db import models

from shahrvand.common.errors import DomainError


class Status(models.TextChoices):
    STARTED = "started", "در انتظار پرداخت"
    PAID = "paid", "پرداخت‌شده"
    FAILED = "failed", "ناموفق"
    EXPIRED = "expired", "منقضی"
    CANCELLED = "cancelled", "لغوشده"


TRANSITIONS: dict[str, frozenset[str]] = {
    Status.STARTED: frozenset({Status.PAID, Status.FAILED, Status.EXPIRED, Status.CANCELLED}),
    Status.PAID: frozenset(),
    Status.FAILED: frozenset(),
    Status.EXPIRED: frozenset(),
    Status.CANCELLED: frozenset(),
}
TERMINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)


class IllegalTransition(DomainError):
    code = "payment_illegal_transition"
    http_status = 409


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def check_transition(current: str, target: str) -> None:
    """Raise IllegalTransition unless `current → target` is an edge of the machine."""
    if not can_transition(current, target):
        raise IllegalTransition(
            f"پرداخت از وضعیت «{Status(current).label}» به «{Status(target).label}» نمی‌رود.",
            message_en=f"A payment cannot go from {current} to {target}.",
        )
