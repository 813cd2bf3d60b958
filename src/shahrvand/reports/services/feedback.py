"""The citizen's answer to a resolution: accept (closes, with a rating) or dispute (reopens)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.common.persian import normalize_text
from shahrvand.outbox.models import EventType
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.access import require_role
from shahrvand.tenancy.models import Role

from .events import emit
from .history import Actor, actor_label, record_event
from .status import apply_transition, lock_report


@transaction.atomic
def report_feedback(
    *,
    report: Report,
    accepted: bool,
    rating: int | None = None,
    comment: str = "",
    via: str = "web",
    actor: Actor = None,
) -> Report:
    """Record the citizen's verdict on a resolved report.

    Accepting closes the report and stores the 1–5 satisfaction rating; disputing
    reopens it with the citizen's comment as a public note. An SMS reply ("1") carries
    no rating, so `via="sms"` may accept with `rating=None` (satisfaction stays empty).
    The caller has checked that the verdict is the reporter's (decision 0032); `actor` is
    the operator who recorded it for a caller (report_feedback_for_caller), else None.
    """
    locked = lock_report(report)
    if locked.status != Status.RESOLVED:
        raise ReportError(
            "نظر شما فقط پس از اعلام رسیدگی قابل ثبت است.",
            message_en="Feedback can only be given on a resolved report.",
            field="status",
            code="not_resolved",
        )
    comment = normalize_text(comment)[:2000]
    if accepted and not (rating is None and via == "sms"):
        if rating is None or not 1 <= rating <= 5:
            raise ReportError(
                "میزان رضایت را از ۱ تا ۵ انتخاب کنید.",
                message_en="Choose a satisfaction rating from 1 to 5.",
                field="rating",
                code="invalid_rating",
            )
        locked.satisfaction = rating
    locked.feedback_comment = comment
    locked.save()
    data: dict[str, object] = {"accepted": accepted, "rating": rating, "via": via}
    if actor is not None and actor.is_authenticated:
        data["recorded_by"] = actor_label(actor)
    record_event(
        locked, ReportEvent.Kind.FEEDBACK, actor=actor, note=comment, public=True, data=data
    )
    emit(EventType.REPORT_FEEDBACK, locked, accepted=accepted, rating=rating)
    by_phone = " (به نقل از تماس تلفنی)" if data.get("recorded_by") else ""
    if accepted:
        apply_transition(
            locked,
            Status.CLOSED,
            actor=actor,
            note=f"شهروند رسیدگی را تأیید کرد{by_phone}.",
            public=True,
        )
    else:
        apply_transition(
            locked,
            Status.REOPENED,
            actor=actor,
            note=comment or f"شهروند رسیدگی را نپذیرفت{by_phone}.",
            public=True,
        )
    return locked


# Who may record a caller's verdict: the roles that answer or work the municipality's queue.
CALLER_FEEDBACK_ROLES = frozenset({Role.OPERATOR, Role.DISPATCHER, Role.MUNICIPALITY_ADMIN})


def report_feedback_for_caller(
    *,
    report: Report,
    actor: User,
    accepted: bool,
    rating: int | None = None,
    comment: str = "",
) -> Report:
    """Record the verdict a reporter gave on the phone. The operator vouches for the caller
    (the 137 script asks for the reporter's number); the history names the operator."""
    require_role(
        actor,
        CALLER_FEEDBACK_ROLES,
        message="ثبت نظر شهروند برای نقش شما مجاز نیست.",
        message_en="Your role cannot record a caller's feedback.",
        municipality_id=report.municipality_id,
    )
    return report_feedback(
        report=report,
        accepted=accepted,
        rating=rating,
        comment=comment,
        via="operator",
        actor=actor,
    )
