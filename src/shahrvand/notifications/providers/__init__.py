"""SMS gateway adapters and the choice between them (SHAHRVAND_SMS_PROVIDER)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import PermanentError, ProviderError, SmsProvider, TransientError
from .console import ConsoleSmsProvider
from .kavenegar import DEFAULT_URL, KavenegarProvider

__all__ = ["PermanentError", "ProviderError", "SmsProvider", "TransientError", "sms_provider"]


def sms_provider() -> SmsProvider:
    """The configured gateway, built from settings at call time (tests override them)."""
    name = getattr(settings, "SHAHRVAND_SMS_PROVIDER", "console")
    if name == "console":
        default = Path(settings.VAR_DIR) / "outbox-sms.log"
        return ConsoleSmsProvider(path=Path(getattr(settings, "SHAHRVAND_SMS_LOG", default)))
    if name == "kavenegar":
        return KavenegarProvider(
            api_key=getattr(settings, "SHAHRVAND_KAVENEGAR_API_KEY", ""),
            sender=getattr(settings, "SHAHRVAND_KAVENEGAR_SENDER", ""),
            base_url=getattr(settings, "SHAHRVAND_KAVENEGAR_URL", DEFAULT_URL),
            timeout=float(getattr(settings, "SHAHRVAND_KAVENEGAR_TIMEOUT", 10)),
        )
    raise ImproperlyConfigured(f"SHAHRVAND_SMS_PROVIDER={name!r}: use 'console' or 'kavenegar'")
