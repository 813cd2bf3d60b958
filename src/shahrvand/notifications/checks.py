"""`manage.py check --deploy`: the SMS gateway a production site must have."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning

HINT = (
    "Set SHAHRVAND_SMS_PROVIDER=kavenegar with SHAHRVAND_KAVENEGAR_API_KEY and "
    "SHAHRVAND_KAVENEGAR_SENDER (docs/operations.md)."
)


@register(Tags.security, deploy=True)
def sms_gateway(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    name = getattr(settings, "SHAHRVAND_SMS_PROVIDER", "console")
    if name == "console":
        return [
            CheckWarning(
                "SMS goes to the development console provider: nothing reaches citizens, and "
                "every recipient's number is written in clear to SHAHRVAND_SMS_LOG.",
                hint=HINT,
                id="shahrvand.W001",
            )
        ]
    if name == "kavenegar" and not (
        settings.SHAHRVAND_KAVENEGAR_API_KEY and settings.SHAHRVAND_KAVENEGAR_SENDER
    ):
        return [
            CheckWarning(
                "The Kavenegar gateway has no API key or no sender line: every SMS would fail.",
                hint=HINT,
                id="shahrvand.W002",
            )
        ]
    return []
