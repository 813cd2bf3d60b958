from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse

if not apps.is_installed("shahrvand.notifications"):
    raise pytest.UsageError(
        'tests/notifications need "shahrvand.notifications" in INSTALLED_APPS '
        '(src/config/settings/base.py) and path("notifications/", '
        'include("shahrvand.notifications.urls")) in src/config/urls.py'
    )
try:
    reverse("notifications:sms_inbound_kavenegar")
except NoReverseMatch as exc:
    raise pytest.UsageError(
        'tests/notifications need path("notifications/", include("shahrvand.notifications.urls"))'
        " in src/config/urls.py"
    ) from exc


class SmsLog:
    """The console provider's file: what would have been sent, one JSON object a line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def lines(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text("utf-8").splitlines()]

    def to(self, number: str) -> list[str]:
        return [line["text"] for line in self.lines() if line["to"] == number]


@pytest.fixture
def sms_log(settings: Any, tmp_path: Path) -> SmsLog:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "outbox-sms.log"
    settings.SHAHRVAND_PUBLIC_URL = "https://137.example.ir"
    settings.LANGUAGE_CODE = "fa"
    return SmsLog(settings.SHAHRVAND_SMS_LOG)
