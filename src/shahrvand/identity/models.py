"""Citizen accounts, one-time codes and per-phone lockouts."""

from __future__ import annotations

from django.db import models

from shahrvand.security.fields import BlindIndexField, EncryptedTextField


class CitizenAccount(models.Model):
    """A citizen known by a verified Iranian mobile number (09XXXXXXXXX), encrypted at rest
    and found through its blind index."""

    phone = EncryptedTextField()
    phone_index = BlindIndexField(source="phone", unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_login_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.phone)


class OtpChallenge(models.Model):
    """One code sent to one phone. Only a keyed hash of the code is stored; a challenge is
    used at most once and dies at `expires_at` or when a newer one is sent."""

    phone = EncryptedTextField()
    phone_index = BlindIndexField(source="phone", db_index=True)
    code_hash = models.CharField(max_length=100, help_text="salt$hmac-sha256")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    superseded = models.BooleanField(default=False)
    failed_attempts = models.PositiveSmallIntegerField(default=0)
    ip = models.GenericIPAddressField(null=True, blank=True)
    sms_id = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.phone} @ {self.created_at:%Y-%m-%d %H:%M}"


class PhoneLock(models.Model):
    """Wrong codes counted per phone; after too many the phone is locked for a while."""

    phone = EncryptedTextField()
    phone_index = BlindIndexField(source="phone", unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.phone}: {self.failures}"


class SubmissionKey(models.Model):
    """One application form shown to a citizen, submitted at most once: a repeated POST of
    the same form (double click, retry after a lost answer) finds the case of the first."""

    key = models.CharField(max_length=64, unique=True)
    account = models.ForeignKey(CitizenAccount, on_delete=models.CASCADE, related_name="+")
    tracking_code = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key
