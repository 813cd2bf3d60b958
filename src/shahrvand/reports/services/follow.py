from __future__ import annotations

from django.db import transaction

from shahrvand.common.persian import normalize_mobile
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportFollower
from shahrvand.reports.workflow import OPEN_STATUSES, Status
from shahrvand.security.pii import blind_index


def ensure_followable(*, report: Report, phone: str) -> str:
    """The number as 09XXXXXXXXX if `report` may be followed with it, else ReportError.
    Checked before a one-time code is sent to the number (the caller proves it)."""
    mobile = normalize_mobile(phone)
    if mobile is None:
        raise ReportError(
            "شماره همراه معتبر نیست؛ مانند ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید.",
            message_en="Enter a valid Iranian mobile number.",
            field="phone",
            code="invalid_phone",
        )
    if report.status not in OPEN_STATUSES and report.status != Status.RESOLVED:
        raise ReportError(
            "این گزارش بسته شده است و دنبال کردن آن ممکن نیست.",
            message_en="This report is closed and cannot be followed.",
            field="report",
            code="report_closed",
        )
    return mobile


@transaction.atomic
def report_follow(*, report: Report, phone: str) -> ReportFollower:
    """Subscribe a mobile number to `report`'s notifications (idempotent per number). The
    caller has proven that the number is the follower's (a one-time code, decision 0032)."""
    mobile = ensure_followable(report=report, phone=phone)
    follower, _ = ReportFollower.objects.get_or_create(
        report=report, phone_index=blind_index(mobile), defaults={"phone": mobile}
    )
    return follower
