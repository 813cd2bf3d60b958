"""`manage.py check --deploy`: links sent to citizens must name the public site."""

from __future__ import annotations

import urllib.parse
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Warning as CheckWarning

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0", "testserver"}  # noqa: S104 # nosec B104: names, not a bind


@register(Tags.security, deploy=True)
def public_url_is_public(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    url = urllib.parse.urlsplit(str(getattr(settings, "SHAHRVAND_PUBLIC_URL", "")))
    if url.scheme != "https" or not url.hostname or url.hostname in LOCAL_HOSTS:
        return [
            CheckWarning(
                "SHAHRVAND_PUBLIC_URL is not a public https address: the links in SMS, "
                "e-mail, certificate QR codes and payment callbacks would not work.",
                hint="Set SHAHRVAND_PUBLIC_URL=https://<your public host> (docs/operations.md); "
                "a municipality with its own domain sets its public_url in the admin.",
                id="shahrvand.W010",
            )
        ]
    return []
