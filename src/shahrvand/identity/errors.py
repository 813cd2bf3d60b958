"""What can go wrong signing in; every message is the Persian text the citizen reads."""

from __future__ import annotations

from shahrvand.common.errors import DomainError


class OtpError(DomainError):
    code = "otp_invalid"
    retry_after = 0  # seconds, for the Retry-After header of a 429 (0: not known)


class TooManyRequests(OtpError):
    code = "rate_limited"
    http_status = 429


class PhoneLocked(OtpError):
    code = "locked"
    http_status = 429


class SmsFailed(OtpError):
    code = "sms_failed"
    http_status = 503
