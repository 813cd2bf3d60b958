"""The transactional outbox: domain events written in the same transaction as the change.

Two consumers read it after commit, each woken by the on_commit hook it registers with
publish.on_commit_kick and each keeping its own cursor: webhooks (sets `dispatched_at` once
it has planned the deliveries) and notifications (a HandledEvent row per event). So an
event is never lost when a consumer or the broker is down, and never sent for a change
that rolled back.
"""

from __future__ import annotations

import uuid

from django.db import models

from shahrvand.tenancy.models import Municipality


class EventType(models.TextChoices):
    REPORT_CREATED = "report.created", "گزارش ثبت شد"
    REPORT_STATUS_CHANGED = "report.status_changed", "وضعیت تغییر کرد"
    REPORT_ASSIGNED = "report.assigned", "ارجاع شد"
    REPORT_RESOLVED = "report.resolved", "رسیدگی شد"
    REPORT_FEEDBACK = "report.feedback", "نظر شهروند ثبت شد"
    REPORT_DEADLINE_WARNING = "report.deadline_warning", "۷۵٪ مهلت گذشت"
    REPORT_DEADLINE_BREACHED = "report.deadline_breached", "مهلت گذشت"
    REPORT_ESCALATED = "report.escalated", "ارجاع به مدیر سامانه"


class OutboxEvent(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    type = models.CharField(max_length=40, choices=EventType.choices)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="+")
    payload = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    dispatched_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.id}"
