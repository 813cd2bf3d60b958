"""`manage.py check --deploy`: certificates must be signed with keys a verifier can trust."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning

HINT = "Install each municipality's key with manage.py install_signing_key (docs/operations.md)."


@register(Tags.security, deploy=True)
def certificate_signing(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    problems: list[CheckMessage] = []
    if getattr(settings, "SHAHRVAND_SIGNING_DEMO_KEYS", False):
        problems.append(
            CheckWarning(
                "SHAHRVAND_SIGNING_DEMO_KEYS is on: a municipality without a key gets a "
                "self-signed demo key, which no one outside can trust.",
                hint=HINT,
                id="shahrvand.W020",
            )
        )
    if not getattr(settings, "SHAHRVAND_SIGNING_KEY_PASSPHRASE", ""):
        problems.append(
            CheckWarning(
                "SHAHRVAND_SIGNING_KEY_PASSPHRASE is not set: signing keys are encrypted with "
                "a passphrase derived from SECRET_KEY and become unreadable if it changes.",
                hint=HINT,
                id="shahrvand.W021",
            )
        )
    return problems
