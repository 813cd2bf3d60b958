from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User

from shahrvand.reports.models import Report, ReportEvent

Actor = User | AnonymousUser | None


def actor_label(actor: Actor, fallback: str = "شهروند") -> str:
    if actor is None or not actor.is_authenticated:
        return fallback
    return actor.get_full_name() or actor.get_username()


def record_event(report: Report, kind: str, *, actor: Actor, **fields: Any) -> ReportEvent:
    """Store one history entry (fields as new_event takes them)."""
    event = new_event(report, kind, actor=actor, **fields)
    event.save(force_insert=True)
    return event


def new_event(
    report: Report,
    kind: str,
    *,
    actor: Actor,
    label: str = "",
    from_status: str = "",
    to_status: str = "",
    note: str = "",
    public: bool = False,
    data: dict[str, Any] | None = None,
) -> ReportEvent:
    """An unsaved history entry (record_event saves one; intake inserts two at once)."""
    user = actor if isinstance(actor, User) else None
    return ReportEvent(
        report=report,
        kind=kind,
        actor=user,
        actor_label=label or actor_label(actor),
        from_status=from_status,
        to_status=to_status,
        note=note,
        is_public=public,
        data=data or {},
    )
