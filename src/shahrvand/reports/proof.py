"""Proof of being a report's reporter (decision 0032).

A tracking code is a public identifier (Open311 lists, the nearby-duplicates panel), so it
never authorises a write. The reporter proves themselves with the **reporter secret**: 128
random bits, URL-safe, handed over once at submission and stored on the report only as a
keyed hash (HMAC-SHA256 under a SECRET_KEY-derived key). A reporter without it (reports
older than the secret, a lost link) proves themselves with a one-time code sent to the
report's phone (citizen/proof.py).

The confirmation SMS is rendered later by the notification worker, which never sees the
secret; it carries a **reporter link** instead: a timestamp and a 128-bit HMAC of the
tracking code and that timestamp under a SECRET_KEY-derived key, accepted for
`link_max_age()` (SHAHRVAND_REPORTER_LINK_DAYS, 30 days).
"""

from __future__ import annotations

import base64
import datetime as dt
import secrets
import time

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import base36_to_int
from django.utils.http import int_to_base36 as base36

from .errors import NotReporter
from .models import Report

SECRET_BYTES = 16  # 128 bits; token_urlsafe gives 22 characters
_HASH_SALT = "shahrvand.reports.reporter-secret"
_LINK_SALT = "shahrvand.reports.reporter-link"


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


def secret_hash(secret: str, *, key: str | None = None) -> str:
    """The keyed digest stored on the report (hex, 64 characters)."""
    return salted_hmac(_HASH_SALT, secret, secret=key, algorithm="sha256").hexdigest()


def secret_matches(report: Report, secret: str | None) -> bool:
    """Whether `secret` is `report`'s reporter secret (constant-time; the current and the
    fallback SECRET_KEYs, so rotating the key does not strand reporters)."""
    stored = report.reporter_secret_hash
    if not stored or not secret or len(secret) > 100:
        return False
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(stored, secret_hash(secret, key=k)) for k in keys)


def link_max_age() -> dt.timedelta:
    return dt.timedelta(days=int(getattr(settings, "SHAHRVAND_REPORTER_LINK_DAYS", 30)))


def _link_mac(code: str, stamp: str, key: str | None = None) -> str:
    digest = salted_hmac(_LINK_SALT, f"{code}:{stamp}", secret=key, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")  # 128 bits, 22 chars


def link_token(report: Report, *, now: float | None = None) -> str:
    """A short signed, timestamped token naming `report`, for the reporter's SMS link
    (an SMS is short: about 29 characters against 22 for the secret)."""
    stamp = base36(int(time.time() if now is None else now))
    return f"{stamp}.{_link_mac(report.tracking_code, stamp)}"


def link_token_matches(report: Report, token: str | None) -> bool:
    if not token or len(token) > 60 or "." not in token:
        return False
    stamp, _, mac = token.partition(".")
    try:
        issued = base36_to_int(stamp)
    except ValueError:
        return False
    if not 0 <= time.time() - issued <= link_max_age().total_seconds():
        return False
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return any(constant_time_compare(mac, _link_mac(report.tracking_code, stamp, k)) for k in keys)


def proves_reporter(report: Report, key: str | None) -> bool:
    """Whether `key` (from a private link or a header) is the report's secret or a valid
    reporter link token."""
    return secret_matches(report, key) or link_token_matches(report, key)


def require_reporter(report: Report, key: str | None) -> None:
    """NotReporter unless `key` proves the caller is `report`'s reporter."""
    if not proves_reporter(report, key):
        raise NotReporter(
            "کد پیگیری به تنهایی برای این کار کافی نیست؛ رمز گزارش‌دهنده را که هنگام ثبت "
            "گزارش دریافت کردید در سرآیند X-Reporter-Secret بفرستید."
            if not key
            else "رمز گزارش‌دهنده برای این گزارش درست نیست.",
            message_en="Send the reporter secret given at submission in X-Reporter-Secret."
            if not key
            else "The reporter secret is wrong for this report.",
            field="X-Reporter-Secret",
        )
