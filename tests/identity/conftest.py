from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.notifications.fake_kavenegar import API_KEY, FakeKavenegar

from .sms import SmsLog

__all__ = ["SmsLog"]


@pytest.fixture
def sms_log(settings: Any, tmp_path: Path) -> SmsLog:
    settings.SHAHRVAND_SMS_PROVIDER = "console"
    settings.SHAHRVAND_SMS_LOG = tmp_path / "outbox-sms.log"
    return SmsLog(settings.SHAHRVAND_SMS_LOG)


@pytest.fixture
def kavenegar(settings: Any) -> Iterator[FakeKavenegar]:
    fake = FakeKavenegar()
    settings.SHAHRVAND_SMS_PROVIDER = "kavenegar"
    settings.SHAHRVAND_KAVENEGAR_API_KEY = API_KEY
    settings.SHAHRVAND_KAVENEGAR_URL = fake.url
    settings.SHAHRVAND_KAVENEGAR_TIMEOUT = 2
    yield fake
    fake.close()
