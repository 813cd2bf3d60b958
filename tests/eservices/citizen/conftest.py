from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from tests.identity.sms import SmsLog, sign_in

PHONE = "09121234567"  # the applicant of tests.eservices.helpers.submit_permit


@pytest.fixture
def sms_log(settings: Any, tmp_path: Path) -> SmsLog:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "outbox-sms.log"
    settings.SHAHRVAND_PUBLIC_URL = "https://shahrvand.example.ir"
    settings.MEDIA_ROOT = tmp_path / "media"
    return SmsLog(settings.SHAHRVAND_SMS_LOG)


@pytest.fixture
def citizen(client: Client, sms_log: SmsLog, db: None) -> Client:
    """A client signed in (by one-time code, through the pages) as PHONE."""
    sign_in(client, sms_log, PHONE)
    return client
