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

    case = models.ForeignKey("eservices.Case", on_delete=models.PROTECT, related_name="audit")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_label = models.CharField(max_length=160, help_text="who, as shown in the history")
    actor_role = models.CharField(max_length=32, blank=True)
    actor_unit = models.CharField(max_length=80, blank=True, help_text='"department:planning"')
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=20, help_text="case / step / document")
    object_id = models.BigIntegerField()
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    reason = models.TextField(blank=True)
    at = models.DateTimeField(db_index=True)

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
