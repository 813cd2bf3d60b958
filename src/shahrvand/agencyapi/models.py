"""Agency API credentials, used nonces, the append-only exchange log and inquiry notices.

See docs/agency-api.md for the signing scheme and docs/decisions/0022 for why secrets are
derived (HMAC of a server key) rather than stored.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from shahrvand.tenancy.models import ExternalAgency


class AppendOnlyError(Exception):
    pass


class AgencyCredential(models.Model):
    """One API key of one outside agency. The secret is never stored: it is derived from
    `key_id` and `salt` with the server's AGENCY_API_MASTER_KEY and shown once at issue."""

    agency = models.ForeignKey(
        ExternalAgency, on_delete=models.CASCADE, related_name="api_keys", verbose_name="دستگاه"
    )
    key_id = models.CharField(max_length=40, unique=True, verbose_name="شناسهٔ کلید")
    salt = models.CharField(max_length=64, verbose_name="نمک")
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="agency_api_keys",
        help_text="هویت API دستگاه: تصمیم‌ها به نام این کاربر ثبت می‌شوند",
        verbose_name="کاربر عامل",
    )
    label = models.CharField(max_length=120, blank=True, verbose_name="برچسب")
    webhook_url = models.URLField(
        max_length=500,
        blank=True,
        help_text="استعلام‌های تازه به این نشانی فرستاده می‌شوند",
        verbose_name="نشانی وب‌هوک",
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name="آخرین استفاده")
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان ابطال")

    class Meta:
        verbose_name = "کلید دستگاه بیرونی"
        verbose_name_plural = "کلیدهای دستگاه‌های بیرونی"
        ordering = ["agency", "-created_at"]

    def __str__(self) -> str:
        return f"{self.key_id} ({self.agency})"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None


class UsedNonce(models.Model):
    """A nonce seen within the timestamp window; a second use is a replay."""

    credential = models.ForeignKey(AgencyCredential, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=64)
    at = models.DateTimeField(db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["credential", "nonce"], name="nonce_once_per_key")
        ]

    def __str__(self) -> str:
        return self.nonce


class Exchange(models.Model):
    """One message exchange with an agency, like X-Road's message log. Append-only.

    `in`: the agency called us (request → our answer); `out`: we called the agency's webhook.
    """

    class Direction(models.TextChoices):
        IN = "in", "دریافتی"
        OUT = "out", "ارسالی"

    direction = models.CharField(max_length=3, choices=Direction.choices, verbose_name="جهت")
    agency = models.ForeignKey(
        ExternalAgency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exchanges",
        verbose_name="دستگاه",
    )
    key_id = models.CharField(max_length=40, blank=True, verbose_name="شناسهٔ کلید")
    method = models.CharField(max_length=8, verbose_name="متد")
    endpoint = models.CharField(max_length=500, verbose_name="نقطهٔ پایانی")
    nonce = models.CharField(max_length=64, blank=True, verbose_name="نانس")
    headers_digest = models.CharField(
        max_length=64, help_text="SHA-256 سرآیندهای امضاشده", verbose_name="چکیدهٔ سرآیندها"
    )
    request_body = models.TextField(blank=True, verbose_name="بدنهٔ درخواست")
    request_digest = models.CharField(max_length=64, verbose_name="چکیدهٔ درخواست")
    request_signature = models.CharField(max_length=80, blank=True, verbose_name="امضای درخواست")
    status = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name="وضعیت")
    outcome = models.CharField(max_length=32, help_text='"ok" یا کد خطا', verbose_name="نتیجه")
    response_body = models.TextField(blank=True, verbose_name="بدنهٔ پاسخ")
    response_signature = models.CharField(max_length=80, blank=True, verbose_name="امضای پاسخ")
    duration_ms = models.PositiveIntegerField(default=0, verbose_name="مدت (میلی‌ثانیه)")
    at = models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="زمان")

    class Meta:
        verbose_name = "تبادل با دستگاه"
        verbose_name_plural = "تبادل‌ها با دستگاه‌ها"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["agency", "at"])]

    def __str__(self) -> str:
        return f"{self.direction} {self.method} {self.endpoint} → {self.status}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnlyError("the agency exchange log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("the agency exchange log is append-only")


class InquiryNotice(models.Model):
    """The webhook call telling an agency that an inquiry (an agency step) opened.

    One per step activation (a step returned and re-opened is a new round)."""

    class State(models.TextChoices):
        PENDING = "pending", "در صف"
        SUCCEEDED = "succeeded", "موفق"
        FAILED = "failed", "ناموفق (تلاش‌ها تمام شد)"

    step = models.ForeignKey(
        "eservices.CaseStep", on_delete=models.CASCADE, related_name="+", verbose_name="گام"
    )
    opened_at = models.DateTimeField(
        help_text="started_at گام در این دور", verbose_name="زمان گشایش"
    )
    credential = models.ForeignKey(
        AgencyCredential, on_delete=models.CASCADE, related_name="+", verbose_name="اعتبارنامه"
    )
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PENDING, verbose_name="وضعیت"
    )
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name="تعداد تلاش‌ها")
    next_attempt_at = models.DateTimeField(db_index=True, verbose_name="زمان تلاش بعدی")
    last_status = models.PositiveSmallIntegerField(
        null=True, blank=True, verbose_name="آخرین وضعیت"
    )
    last_error = models.CharField(max_length=255, blank=True, verbose_name="آخرین خطا")
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان تحویل")

    class Meta:
        verbose_name = "اعلان استعلام"
        verbose_name_plural = "اعلان‌های استعلام"
        constraints = [
            models.UniqueConstraint(fields=["step", "opened_at"], name="notice_once_per_round")
        ]
        indexes = [models.Index(fields=["state", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"step {self.step_id} @ {self.opened_at:%Y-%m-%d %H:%M}"
