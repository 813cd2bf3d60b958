"""Payments, their append-only event log, and the sandbox provider's own "bank" records.

A payment names what it pays for with a generic `reference` ("case:42"), so this app never
imports the apps that use it; they learn about settlement through `payments.handlers`.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models

from shahrvand.security.fields import EncryptedTextField
from shahrvand.tenancy.models import Municipality

from .workflow import Status


class AppendOnlyError(Exception):
    pass


class Payment(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, verbose_name="توکن")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        verbose_name="شهرداری",
    )
    reference = models.CharField(
        max_length=64, db_index=True, help_text='مثلاً "case:42"', verbose_name="مرجع"
    )
    description = models.CharField(max_length=255, verbose_name="شرح")
    amount = models.PositiveBigIntegerField(help_text="ریال", verbose_name="مبلغ")
    payer_mobile = EncryptedTextField(
        blank=True, default="", verbose_name="تلفن همراه پرداخت‌کننده"
    )  # personal data: encrypted
    return_url = models.CharField(
        max_length=500,
        blank=True,
        help_text="پرداخت‌کننده پس از پرداخت به این نشانی می‌رود",
        verbose_name="نشانی بازگشت",
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.STARTED, verbose_name="وضعیت"
    )
    provider = models.CharField(max_length=20, verbose_name="ارائه‌دهنده")
    authority = models.CharField(
        max_length=64,
        blank=True,
        help_text="توکن ارائه‌دهنده",
        verbose_name="شناسهٔ تراکنش درگاه",
    )
    ref_id = models.CharField(
        max_length=64,
        blank=True,
        help_text="شمارهٔ مرجع بانک",
        verbose_name="شمارهٔ مرجع بانک",
    )
    card_mask = models.CharField(max_length=32, blank=True, verbose_name="شمارهٔ کارت (پوشیده)")
    failure_code = models.CharField(max_length=32, blank=True, verbose_name="کد خطا")
    failure_message = models.CharField(max_length=255, blank=True, verbose_name="پیام خطا")
    attempts = models.PositiveSmallIntegerField(
        default=0, help_text="تعداد تلاش‌های تأیید", verbose_name="تعداد تلاش‌ها"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="زمان ایجاد")
    updated_at = models.DateTimeField(auto_now=True, verbose_name="زمان به‌روزرسانی")
    expires_at = models.DateTimeField(db_index=True, verbose_name="زمان انقضا")
    paid_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان پرداخت")
    settled_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="زمانی که به بخشِ درخواست‌کنندهٔ پرداخت خبر داده شد (پردازشگرها اجرا شدند)",
        verbose_name="زمان تسویه",
    )

    class Meta:
        verbose_name = "پرداخت"
        verbose_name_plural = "پرداخت‌ها"
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "authority"],
                condition=~models.Q(authority=""),
                name="payment_unique_provider_authority",
            ),
            # Paying twice for one thing is refused at the database too.
            models.UniqueConstraint(
                fields=["reference"],
                condition=models.Q(status="paid"),
                name="payment_one_paid_per_reference",
            ),
        ]
        indexes = [models.Index(fields=["status", "expires_at"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} ({self.status})"

    @property
    def status_label(self) -> str:
        return Status(self.status).label


class PaymentEvent(models.Model):
    """One status change or provider exchange of a payment. Written once, never edited."""

    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="events")
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    source = models.CharField(max_length=20, help_text="start, callback, reconcile, expiry…")
    note = models.CharField(max_length=255, blank=True)
    data = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.payment_id}: {self.from_status}→{self.to_status} ({self.source})"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the payment event log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the payment event log is append-only")


class SandboxTransaction(models.Model):
    """The sandbox provider's side of a payment: what its local "bank page" decided."""

    class State(models.TextChoices):
        PENDING = "pending", "در انتظار"
        PAID = "paid", "پرداخت شد"
        CANCELLED = "cancelled", "انصراف"

    authority = models.CharField(max_length=64, unique=True)
    amount = models.PositiveBigIntegerField()
    description = models.CharField(max_length=255)
    callback_url = models.CharField(max_length=500)
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    ref_id = models.CharField(max_length=32, blank=True)
    verified = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.authority} ({self.state})"
