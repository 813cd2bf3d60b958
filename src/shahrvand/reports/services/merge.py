"""Merging duplicate reports under one parent."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.access import require_act

from .status import check_report_actor, report_transition


@transaction.atomic
def report_merge(
    *, parent: Report, children: list[Report], actor: User, note: str = ""
) -> list[Report]:
    """Mark every child a duplicate of `parent` (all or none). Undo = reopen the child.
    PermissionDenied for a read-only role or a parent of another municipality."""
    check_report_actor(actor, parent, require_act)
    if parent.status == Status.DUPLICATE:
        raise ReportError(
            "گزارش اصلی خودش تکراری است؛ گزارش اصلیِ آن را انتخاب کنید.",
            message_en="The parent is itself a duplicate; merge into its parent instead.",
            field="parent",
            code="parent_is_duplicate",
        )
    merged = []
    for child in children:
        merged.append(
            report_transition(
                report=child,
                to_status=Status.DUPLICATE,
                actor=actor,
                note=note or f"تکراریِ گزارش {parent.tracking_code}",
                public=True,
                duplicate_of=parent,
            )
        )
    return merged
