"""Reading the console SMS provider's file, and signing a test client in by one-time code."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from django.urls import reverse

from shahrvand.common.persian import normalize_digits, normalize_mobile


class SmsLog:
    """The console provider's file: each SMS that would have been sent, one JSON a line."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def to(self, number: str) -> list[str]:
        number = normalize_mobile(number) or number
        if not self.path.exists():
            return []
        lines = [json.loads(line) for line in self.path.read_text("utf-8").splitlines()]
        return [line["text"] for line in lines if line["to"] == number]

    def last_code(self, number: str) -> str:
        """The six digits of the last code sent to `number`, as ASCII."""
        texts = self.to(number)
        assert texts, f"no SMS to {number}"
        match = re.search(r"[۰-۹0-9]{6}", texts[-1])
        assert match, texts[-1]
        return normalize_digits(match.group(0))


def sign_in(client: Any, sms_log: SmsLog, phone: str, *, next_url: str = "") -> Any:
    """Sign `client` in as `phone` through the real pages; return the last response."""
    suffix = f"?next={next_url}" if next_url else ""
    response = client.post(reverse("identity:login") + suffix, {"phone": phone, "next": next_url})
    assert response.status_code == 302, response.content.decode()[:500]
    return client.post(
        reverse("identity:code"), {"code": sms_log.last_code(phone), "next": next_url}
    )
