"""The append-only audit trail of everything written about a case."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AppendOnlyError(Exception):
    pass


class AuditQuerySet(models.QuerySet["CaseAudit"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("case audit is append-only")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case audit is append-only")


class CaseAudit(models.Model):
    """Who changed what on a case, with the values before and after. Never edited or deleted."""

    case = models.ForeignKey(
        "eservices.Case", on_delete=models.PROTECT, related_name="audit", verbose_name="پرونده"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name="انجام‌دهنده",
    )
    actor_label = models.CharField(
        max_length=160,
        help_text="چه کسی، آن‌گونه که در تاریخچه نمایش داده می‌شود",
        verbose_name="نام انجام‌دهنده",
    )
    actor_role = models.CharField(max_length=32, blank=True, verbose_name="نقش انجام‌دهنده")
    actor_unit = models.CharField(
        max_length=80,
        blank=True,
        help_text='مثلاً "department:planning"',
        verbose_name="واحد انجام‌دهنده",
    )
    action = models.CharField(max_length=40, verbose_name="اقدام")
    object_type = models.CharField(
        max_length=20,
        help_text="case (پرونده) / step (گام) / document (مدرک)",
        verbose_name="نوع شیء",
    )
    object_id = models.BigIntegerField(verbose_name="شناسهٔ شیء")
    before = models.JSONField(default=dict, blank=True, verbose_name="پیش از تغییر")
    after = models.JSONField(default=dict, blank=True, verbose_name="پس از تغییر")
    reason = models.TextField(blank=True, verbose_name="دلیل")
    at = models.DateTimeField(db_index=True, verbose_name="زمان")

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "رویداد حسابرسی پرونده"
        verbose_name_plural = "رویدادهای حسابرسی پرونده"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("case audit is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("case audit is append-only")
