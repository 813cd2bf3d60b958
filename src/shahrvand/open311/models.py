"""Registered third-party applications allowed to create reports through Open311."""

from __future__ import annotations

from django.db import models

from shahrvand.tenancy.models import Municipality


class ApiClient(models.Model):
    """One third-party app and its API key.

    Only the SHA-256 of the key is stored (a leaked database does not leak usable keys);
    the first characters are kept in clear so staff can tell keys apart. The key itself
    is shown once, when it is issued (admin or `manage.py open311_issue_key`).
    """

    name = models.CharField(
        max_length=120, unique=True, help_text="همچنین Report.external_app", verbose_name="نام"
    )
    contact = models.CharField(
        max_length=200, blank=True, help_text="رایانامه یا تلفن تیم", verbose_name="راه تماس"
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="api_clients",
        help_text="محدود کردن کلید به یک حوزه؛ خالی = همهٔ شهرداری‌ها",
        verbose_name="شهرداری",
    )
    key_hash = models.CharField(
        max_length=64, unique=True, editable=False, verbose_name="درهم‌سازی کلید"
    )
    key_prefix = models.CharField(max_length=12, editable=False, verbose_name="پیشوند کلید")
    is_active = models.BooleanField(default=True, verbose_name="فعال")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")
    revoked_at = models.DateTimeField(
        null=True, blank=True, editable=False, verbose_name="زمان ابطال"
    )

    class Meta:
        verbose_name = "برنامهٔ Open311"
        verbose_name_plural = "برنامه‌های Open311"
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.key_prefix}…)"

    @property
    def is_usable(self) -> bool:
        return self.is_active and self.revoked_at is None
