"""Webhook subscribers, one delivery per (event, subscriber), and every attempt logged."""

from __future__ import annotations

import secrets

from django.db import models

from shahrvand.outbox.models import EventType, OutboxEvent
from shahrvand.tenancy.models import Municipality


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class Subscription(models.Model):
    name = models.CharField(max_length=120, verbose_name="نام")
    url = models.URLField(max_length=500, verbose_name="نشانی")
    secret = models.CharField(
        max_length=128, default=new_secret, help_text="کلید HMAC-SHA256", verbose_name="رمز مشترک"
    )
    event_types = models.JSONField(
        default=list, help_text="خالی = همهٔ انواع رویداد", verbose_name="انواع رویداد"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text="خالی = همه",
        verbose_name="شهرداری",
    )
    is_active = models.BooleanField(default=True, verbose_name="فعال")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")

    class Meta:
        verbose_name = "اشتراک وب‌هوک"
        verbose_name_plural = "اشتراک‌های وب‌هوک"

    def __str__(self) -> str:
        return self.name

    def wants(self, event: OutboxEvent) -> bool:
        if not self.is_active:
            return False
        if self.municipality_id is not None and self.municipality_id != event.municipality_id:
            return False
        return not self.event_types or event.type in self.event_types

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = set(self.event_types) - set(EventType.values)
        if unknown:
            raise ValidationError(
                {"event_types": f"نوع رویداد ناشناخته: {', '.join(sorted(unknown))}"}
            )


class Delivery(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "در صف"
        SUCCEEDED = "succeeded", "موفق"
        FAILED = "failed", "ناموفق (تلاش‌ها تمام شد)"

    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name="اشتراک"
    )
    event = models.ForeignKey(
        OutboxEvent, on_delete=models.CASCADE, related_name="deliveries", verbose_name="رویداد"
    )
    state = models.CharField(
        max_length=12, choices=State.choices, default=State.PENDING, verbose_name="وضعیت"
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name="تعداد تلاش‌ها")
    next_attempt_at = models.DateTimeField(db_index=True, verbose_name="زمان تلاش بعدی")
    last_status_code = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name="آخرین کد وضعیت"
    )
    last_error = models.TextField(blank=True, verbose_name="آخرین خطا")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان تحویل")

    class Meta:
        verbose_name = "تحویل وب‌هوک"
        verbose_name_plural = "تحویل‌های وب‌هوک"
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "event"], name="delivery_once_per_event"
            )
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.event.type} → {self.subscription}"


class Attempt(models.Model):
    """One HTTP attempt of a delivery. Append-only log shown to admins."""

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["delivery", "number"]

    def __str__(self) -> str:
        return f"#{self.number} {self.status_code or self.error[:40]}"
