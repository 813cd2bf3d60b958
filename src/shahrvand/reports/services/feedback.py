"""The citizen's answer to a resolution: accept (closes, with a rating) or dispute (reopens)."""

from __future__ import annotations

from django.db import transaction

from shahrvand.common.persian import normalize_text
from shahrvand.outbox.models import EventType
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.workflow import Status

from .events import emit
from .history import record_event
from .status import apply_transition, lock_report


@transaction.atomic
def report_feedback(
    *,
    report: Report,
    accepted: bool,
    rating: int | None = None,
    comment: str = "",
    via: str = "web",
) -> Report:
    """Record the citizen's verdict on a resolved report.

    Accepting closes the report and stores the 1–5 satisfaction rating; disputing
    reopens it with the citizen's comment as a public note. An SMS reply ("1") carries
    no rating, so `via="sms"` may accept with `rating=None` (satisfaction stays empty).
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
    record_event(
        locked,
        ReportEvent.Kind.FEEDBACK,
        actor=None,
        note=comment,
        public=True,
        data={"accepted": accepted, "rating": rating, "via": via},
    )
    emit(EventType.REPORT_FEEDBACK, locked, accepted=accepted, rating=rating)
    if accepted:
        apply_transition(
            locked, Status.CLOSED, actor=None, note="شهروند رسیدگی را تأیید کرد.", public=True
        )
    else:
        apply_transition(
            locked,
            Status.REOPENED,
            actor=None,
            note=comment or "شهروند رسیدگی را نپذیرفت.",
            public=True,
        )
    return locked
