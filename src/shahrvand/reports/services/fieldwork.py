"""The field crew's update of a report: a status move and photos, together or alone."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.reports.attachments import PreparedFile
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Attachment, Report
from shahrvand.tenancy.access import require_field_work

from .media import report_add_attachments
from .status import check_report_actor, report_transition


@transaction.atomic
def report_field_update(
    *,
    report: Report,
    actor: User,
    to_status: str = "",
    note: str = "",
    files: list[PreparedFile] | None = None,
    stage: str = Attachment.Stage.AFTER,
    fix_location: tuple[float, float] | None = None,
) -> Report:
    """Move the report to `to_status` (the note public, `fix_location` where the crew
    stood) and/or store `files`; returns the report. The status goes first: if it is
    refused nothing is written, files included (the attachment service removes its own
    files if it fails). ReportError when there is neither; PermissionDenied for a role
    that does not work in the field or another municipality."""
    check_report_actor(actor, report, require_field_work)
    if not files and not to_status:
        raise ReportError(
            "وضعیتی انتخاب یا عکسی پیوست نشده است.",
            message_en="Choose a status or attach a photo.",
            field="to_status",
        )
    if to_status:
        report = report_transition(
            report=report,
            to_status=to_status,
            actor=actor,
            note=note,
            public=True,
            fix_location=fix_location,
        )
    if files:
        report_add_attachments(report=report, files=files, stage=stage, actor=actor)
    return report
