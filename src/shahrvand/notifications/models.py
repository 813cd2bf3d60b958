"""Message templates, the outgoing message log (one row per channel and recipient), in-app
notifications for staff, and the log of SMS replies received.

Outbox events are referred to by id only (no foreign key): inserting a row that points at
an event would take a share lock on it and make the webhook fan-out, which locks events
with SKIP LOCKED, pass over them until the next run.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from shahrvand.reports.models import Report
from shahrvand.security.fields import BlindIndexField, EncryptedTextField
from shahrvand.tenancy.models import Municipality

from .defaults import DEFAULTS


class Channel(models.TextChoices):
    SMS = "sms", "پیامک"
    EMAIL = "email", "ایمیل"
    IN_APP = "in_app", "درون‌سامانه"


class Language(models.TextChoices):
    FA = "fa", "فارسی"
    EN = "en", "English"


class MessageTemplate(models.Model):
    """The wording of one message kind on one channel in one language, editable by admins."""

    key = models.CharField(max_length=60, help_text="مثلاً citizen.resolved", verbose_name="کلید")
    language = models.CharField(
        max_length=2, choices=Language.choices, default=Language.FA, verbose_name="زبان"
    )
    channel = models.CharField(max_length=8, choices=Channel.choices, verbose_name="کانال")
    subject = models.CharField(
        max_length=200,
        blank=True,
        help_text="موضوع رایانامه / عنوان درون‌برنامه‌ای؛ برای پیامک به کار نمی‌رود",
        verbose_name="موضوع",
    )
    body = models.TextField(verbose_name="متن قالب")
    updated_at = models.DateTimeField(auto_now=True, verbose_name="زمان به‌روزرسانی")

    class Meta:
        verbose_name = "قالب پیام"
        verbose_name_plural = "قالب‌های پیام"
        ordering = ["key", "channel", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["key", "language", "channel"], name="template_once_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.key} [{self.channel}/{self.language}]"

    def clean(self) -> None:
        from .templates import TemplateError, check

        if (self.key, self.channel) not in DEFAULTS:
            raise ValidationError({"key": f"«{self.key}» برای کانال {self.channel} تعریف نشده."})
        errors = {}
        for field in ("subject", "body"):
            try:
                check(getattr(self, field))
            except TemplateError as exc:
                errors[field] = exc.message
        if errors:
            raise ValidationError(errors)


class Message(models.Model):
    """One message to one recipient on one channel, with its delivery status.

    `dedupe_key` (event, channel, recipient) makes the fan-out idempotent: however often
    an event is processed, a number gets its message once.
    """

    class State(models.TextChoices):
        QUEUED = "queued", "در صف"
        SENT = "sent", "فرستاده شد"
        FAILED = "failed", "ناموفق"

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name="شهرداری"
    )
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="messages",
        verbose_name="گزارش",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification_messages",
        verbose_name="کاربر",
    )
    event_id = models.UUIDField(null=True, blank=True, db_index=True, verbose_name="شناسهٔ رویداد")
    event_type = models.CharField(max_length=40, blank=True, verbose_name="نوع رویداد")
    template_key = models.CharField(max_length=60, verbose_name="کلید قالب")
    channel = models.CharField(max_length=8, choices=Channel.choices, verbose_name="کانال")
    # Encrypted at rest (a reporter's mobile number is personal data); looked up by index.
    recipient = EncryptedTextField(
        help_text="شمارهٔ همراه، رایانامه یا user:<id>", verbose_name="گیرنده"
    )
    recipient_index = BlindIndexField(source="recipient", verbose_name="نمایهٔ گیرنده")
    subject = models.CharField(max_length=200, blank=True, verbose_name="موضوع")
    body = models.TextField(verbose_name="متن پیام")
    dedupe_key = models.CharField(max_length=200, unique=True, verbose_name="کلید حذف تکرار")
    state = models.CharField(
        max_length=8, choices=State.choices, default=State.QUEUED, verbose_name="وضعیت"
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name="تعداد تلاش‌ها")
    next_attempt_at = models.DateTimeField(verbose_name="زمان تلاش بعدی")
    provider = models.CharField(max_length=20, blank=True, verbose_name="ارائه‌دهنده")
    provider_message_id = models.CharField(
        max_length=100, blank=True, verbose_name="شناسهٔ پیام نزد ارائه‌دهنده"
    )
    last_error = models.TextField(blank=True, verbose_name="آخرین خطا")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="زمان ایجاد")
    sent_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان ارسال")

    class Meta:
        verbose_name = "پیام فرستاده"
        verbose_name_plural = "پیام‌های فرستاده"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["state", "next_attempt_at"]),
            # The latest resolution message to a number, for SMS replies.
            models.Index(fields=["recipient_index", "template_key", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.template_key} → {self.recipient}"


class MessageAttempt(models.Model):
    """One try of a message at its provider. Append-only log shown to admins."""

    message = models.ForeignKey(Message, on_delete=models.CASCADE, related_name="attempt_log")
    number = models.PositiveSmallIntegerField()
    at = models.DateTimeField(auto_now_add=True)
    ok = models.BooleanField(default=False)
    permanent = models.BooleanField(default=False, help_text="error that retrying cannot fix")
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["message", "number"]

    def __str__(self) -> str:
        return f"#{self.number} {'ok' if self.ok else self.error[:40]}"


class Notification(models.Model):
    """An in-app notification a staff user reads later (in the admin for now)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name="کاربر",
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="+", verbose_name="شهرداری"
    )
    report = models.ForeignKey(
        Report,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="گزارش",
    )
    message = models.OneToOneField(
        Message,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notification",
        verbose_name="پیام",
    )
    title = models.CharField(max_length=200, verbose_name="عنوان")
    body = models.TextField(verbose_name="متن")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")
    read_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان خواندن")

    class Meta:
        verbose_name = "اعلان"
        verbose_name_plural = "اعلان‌ها"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class HandledEvent(models.Model):
    """An outbox event whose messages have been planned (the notifications' read cursor)."""

    event_id = models.UUIDField(primary_key=True)
    handled_at = models.DateTimeField(auto_now_add=True)
    messages = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.event_id)


class InboundSms(models.Model):
    """An SMS received from a citizen (a reply to a resolution message), and what it did."""

    class Outcome(models.TextChoices):
        ACCEPTED = "accepted", "تأیید رسیدگی (۱)"
        DISPUTED = "disputed", "اعتراض به رسیدگی (۲)"
        NOT_UNDERSTOOD = "not_understood", "پاسخ نامفهوم"
        NO_REPORT = "no_report", "پیام رسیدگی‌ای به این شماره فرستاده نشده"
        NOT_AWAITING = "not_awaiting", "گزارش دیگر منتظر نظر نیست"
        NOT_REPORTER = "not_reporter", "پاسخ از شماره دنبال‌کننده، نه گزارش‌دهنده"

    provider = models.CharField(max_length=20, verbose_name="ارائه‌دهنده")
    provider_message_id = models.CharField(max_length=100, verbose_name="شناسهٔ پیام نزد ارائه‌دهنده")
    sender = EncryptedTextField(verbose_name="فرستنده")  # the citizen's number, encrypted at rest
    receiver = models.CharField(max_length=32, blank=True, verbose_name="گیرنده")
    text = models.TextField(blank=True, verbose_name="متن پیامک")
    received_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان دریافت")
    outcome = models.CharField(max_length=16, choices=Outcome.choices, verbose_name="نتیجه")
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="گزارش",
    )
    detail = models.TextField(blank=True, verbose_name="جزئیات")

    class Meta:
        verbose_name = "پیامک دریافتی"
        verbose_name_plural = "پیامک‌های دریافتی"
        ordering = ["-received_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_message_id"], name="inbound_once_per_message"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sender[-4:]}: {self.text[:20]}"
