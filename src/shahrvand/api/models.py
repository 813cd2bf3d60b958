"""Credentials and idempotency records of the REST API."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models


def hash_secret(raw: str) -> str:
    """Tokens and keys are stored as SHA-256 digests; only their prefix is kept readable."""
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    """A staff member's bearer token for the private API (one per script or device)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="api_tokens",
        verbose_name="کاربر",
    )
    name = models.CharField(max_length=120, verbose_name="نام")
    prefix = models.CharField(max_length=12, verbose_name="پیشوند")
    token_hash = models.CharField(max_length=64, unique=True, verbose_name="درهم‌سازی توکن")
    created_at = models.DateTimeField(auto_now_add=True, verbose_name="زمان ایجاد")
    last_used_at = models.DateTimeField(null=True, blank=True, verbose_name="آخرین استفاده")
    revoked_at = models.DateTimeField(null=True, blank=True, verbose_name="زمان ابطال")

    class Meta:
        verbose_name = "توکن API"
        verbose_name_plural = "توکن‌های API"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @classmethod
    def issue(cls, *, user: object, name: str) -> tuple[ApiToken, str]:
        """Create a token; the raw value is returned once and never stored."""
        raw = "shv_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, prefix=raw[:10], token_hash=hash_secret(raw)
        )
        return token, raw


class IdempotencyRecord(models.Model):
    """The first response to a POST carrying an Idempotency-Key, replayed on retries.

    Written in the same transaction as the object it created, so a retry after a crash sees
    either both or neither.
    """

    scope = models.CharField(max_length=200, help_text="who asked: token, user or client address")
    key = models.CharField(max_length=200)
    endpoint = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField(default=0)
    response = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="idempotency_unique_scope_key")
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key}"
