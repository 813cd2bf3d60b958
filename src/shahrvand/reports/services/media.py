"""Adding photos and video to an existing report (citizen follow-up, field crew before/after)."""

from __future__ import annotations

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction

from shahrvand.reports.attachments import AttachmentError, PreparedFile
from shahrvand.reports.models import Attachment, Report, ReportEvent

from .history import Actor, record_event
from .intake import save_files


def report_add_attachments(
    *, report: Report, files: list[PreparedFile], stage: str = Attachment.Stage.INTAKE, actor: Actor
) -> list[Attachment]:
    """Store more files on `report` within the per-report limits (all or none)."""
    if not files:
        raise AttachmentError(
            "فایلی فرستاده نشده است.",
            message_en="No file was sent.",
            field="attachments",
            code="no_files",
        )
    existing = Attachment.objects.filter(report=report, stage=stage)
    photos = existing.filter(kind="photo").count() + sum(1 for f in files if f.kind == "photo")
    videos = existing.filter(kind="video").count() + sum(1 for f in files if f.kind == "video")
    if photos > settings.SHAHRVAND_MAX_PHOTOS or videos > settings.SHAHRVAND_MAX_VIDEOS:
        raise AttachmentError(
            "تعداد پیوست‌های این گزارش از حد مجاز بیشتر می‌شود.",
            message_en="The report would exceed its photo/video limit.",
            field="attachments",
            code="too_many_files",
        )
    written: list[str] = []
    try:
        with transaction.atomic():
            created = save_files(report, files, written, stage=stage)
            record_event(
                report,
                ReportEvent.Kind.ATTACHMENT,
                actor=actor,
                public=True,
                note="",
                data={"count": len(files), "stage": stage},
            )
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return created
