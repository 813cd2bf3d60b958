from __future__ import annotations

from django.db import transaction

from shahrvand.common.persian import normalize_mobile
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportFollower
from shahrvand.reports.workflow import OPEN_STATUSES, Status
from shahrvand.security.pii import blind_index


@transaction.atomic
def report_follow(*, report: Report, phone: str) -> ReportFollower:
    """Subscribe a mobile number to `report`'s notifications (idempotent per number)."""
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
    follower, _ = ReportFollower.objects.get_or_create(
        report=report, phone_index=blind_index(mobile), defaults={"phone": mobile}
    )
    return follower
