"""Withdrawing a report from public channels, or publishing it again."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.common.persian import normalize_text
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.tenancy.access import require_role
from shahrvand.tenancy.models import Role

from .history import record_event
from .status import lock_report

# Who faces the public for a report: call-centre, dispatch, unit managers, the admin.
VISIBILITY_ROLES = frozenset(
    {Role.OPERATOR, Role.DISPATCHER, Role.DEPARTMENT_MANAGER, Role.MUNICIPALITY_ADMIN}
)


@transaction.atomic
def report_set_public(*, report: Report, public: bool, actor: User, note: str = "") -> Report:
    """Mark `report` public or non-public; returns it re-read. A non-public report leaves
    Open311, open data and the nearby panel, and its tracking page shows its status only.
    The change is kept in the (staff-only) history; a repeat of the current state is a no-op.
    PermissionDenied for roles that do not deal with the public."""
    require_role(
        actor,
        VISIBILITY_ROLES,
        message="تغییر نمایش عمومی گزارش برای نقش شما مجاز نیست.",
        message_en="Your role cannot change whether a report is public.",
        municipality_id=report.municipality_id,
    )
    locked = lock_report(report)
    if locked.is_public == public:
        return locked
    locked.is_public = public
    locked.save(update_fields=["is_public", "updated_at"])
    record_event(
        locked,
        ReportEvent.Kind.VISIBILITY,
        actor=actor,
        note=normalize_text(note),
        public=False,
        data={"is_public": public},
    )
    return locked
