"""Kavenegar (کاوه‌نگار) SMS gateway, from its public REST API.

POST {base}/{API-KEY}/sms/send.json with form fields receptor, message, sender (optional:
the account's default line) and localid (our message id, which Kavenegar's docs describe
as the client's id for recognising a repeated request, so a retry after a lost answer
need not send twice). Every answer is JSON:

    {"return": {"status": 200, "message": "تایید شد"},
     "entries": [{"messageid": 8792343, "status": 1, "receptor": "09…", ...}]}

`return.status` other than 200 is an error; the HTTP status usually mirrors it, so the
body of an HTTP error is read too. Our mapping of the documented codes:

- transient (retried with backoff): 402 operation failed, 409 server cannot answer now,
  418 insufficient credit (ops top up the account; the retries span hours), 451 too many
  requests; HTTP 5xx/408/429 without a Kavenegar body; timeouts and network errors;
  any code not listed here (unknown is safer retried, attempts are bounded).
- permanent (failed at once; an admin can resend after fixing the cause): 400 missing
  parameters, 401 account disabled, 403 invalid API key, 404 no such method, 405 wrong
  HTTP method, 406 required parameter empty, 407 no access, 411 invalid receptor, 412
  invalid sender, 413 message empty or too long, 414 request too large, 415 index out of
  range, 416 calling IP not allowed, 417 invalid date, 419 array lengths differ, 420 links
  not allowed, 422 invalid characters, 424 template not found, 426 needs an advanced
  plan, 427 dedicated line only, 428 not sendable by voice call, 431 bad code structure,
  432 code parameter missing, 501 trial account may only text its owner; other HTTP 4xx.
- per-message entry status at send time: 6 failed, 11 undeliverable, 13 cancelled, 14
  blocked by the recipient, 100 invalid id are permanent; 1, 2, 4, 5, 10 mean accepted.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from .base import PermanentError, TransientError

DEFAULT_URL = "https://api.kavenegar.com/v1"
TRANSIENT_CODES = frozenset({402, 409, 418, 451})
PERMANENT_CODES = frozenset(
    {400, 401, 403, 404, 405, 406, 407, 411, 412, 413, 414, 415, 416, 417, 419, 420, 422}
    | {424, 426, 427, 428, 431, 432, 501}
)
FAILED_ENTRY_STATUSES = frozenset({6, 11, 13, 14, 100})


class KavenegarProvider:
    name = "kavenegar"

    def __init__(
        self, *, api_key: str, sender: str = "", base_url: str = DEFAULT_URL, timeout: float = 10
    ) -> None:
        self.api_key = api_key
        self.sender = sender
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout

    def send(self, to: str, text: str, *, reference: str = "") -> str:
        if not self.api_key:
            raise PermanentError("SHAHRVAND_KAVENEGAR_API_KEY is not set")
        url = f"{self.base_url}/{urllib.parse.quote(self.api_key, safe='')}/sms/send.json"
        fields = {"receptor": to, "message": text}
        if self.sender:
            fields["sender"] = self.sender
        if reference:
            fields["localid"] = reference
        request = urllib.request.Request(  # noqa: S310 - the URL comes from settings
            url,
            data=urllib.parse.urlencode(fields).encode("utf-8"),
            method="POST",
            headers={
                "Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
                "User-Agent": "Shahrvand-Notifications/1",
            },
        )
        try:
            # bandit B310: the gateway URL comes from settings (SHAHRVAND_KAVENEGAR_URL)
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 # nosec B310
                status, raw = int(response.status), response.read()
        except urllib.error.HTTPError as exc:
            status, raw = exc.code, exc.read()
        except (urllib.error.URLError, OSError) as exc:  # TimeoutError is an OSError
            reason = getattr(exc, "reason", exc)
            if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError):
                raise TransientError(f"timeout after {self.timeout}s") from exc
            raise TransientError(f"network error: {reason}") from exc
        return _message_id(status, raw)


def _message_id(http_status: int, raw: bytes) -> str:
    """Read Kavenegar's answer; return the message id or raise the mapped error."""
    document = _json(raw)
    outcome = document.get("return") if document else None
    if not isinstance(outcome, dict) or "status" not in outcome:
        if http_status >= 500 or http_status in (408, 429) or 200 <= http_status < 300:
            raise TransientError(f"HTTP {http_status} without a Kavenegar answer")
        raise PermanentError(f"HTTP {http_status} without a Kavenegar answer", code=http_status)
    code = int(outcome["status"])
    text = f"Kavenegar {code}: {outcome.get('message', '')}"
    if code != 200:
        if code in PERMANENT_CODES:
            raise PermanentError(text, code=code)
        raise TransientError(text, code=code)
    entries = document.get("entries") if document else None
    if not isinstance(entries, list) or not entries or not isinstance(entries[0], dict):
        raise TransientError("Kavenegar 200 without entries")
    entry: dict[str, Any] = entries[0]
    if int(entry.get("status", 1)) in FAILED_ENTRY_STATUSES:
        raise PermanentError(
            f"Kavenegar entry status {entry.get('status')}: {entry.get('statustext', '')}",
            code=int(entry["status"]),
        )
    if entry.get("messageid") in (None, ""):
        raise TransientError("Kavenegar 200 without a messageid")
    return str(entry["messageid"])


def _json(raw: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return document if isinstance(document, dict) else None
