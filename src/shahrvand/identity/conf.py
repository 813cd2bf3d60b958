"""Sign-in limits, read from settings at call time so tests can change them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings


def _get(name: str, default: object) -> object:
    return getattr(settings, name, default)


def code_ttl() -> dt.timedelta:
    return dt.timedelta(seconds=int(str(_get("SHAHRVAND_OTP_TTL_SECONDS", 120))))


def resend_after() -> dt.timedelta:
    return dt.timedelta(seconds=int(str(_get("SHAHRVAND_OTP_RESEND_SECONDS", 60))))


def max_failures() -> int:
    """Wrong codes from one address against one code (then that address must ask for a new
    one), and from one address against one number before progressive delays start."""
    return int(str(_get("SHAHRVAND_OTP_MAX_FAILURES", 5)))


def challenge_max_failures() -> int:
    """Wrong codes against one code from all addresses together; then the code dies."""
    return int(str(_get("SHAHRVAND_OTP_CHALLENGE_MAX_FAILURES", 10)))


def number_max_failures() -> int:
    """Wrong codes against one number from all addresses before it is locked for
    lock_duration(): high enough that one stranger's address cannot reach it."""
    return int(str(_get("SHAHRVAND_OTP_NUMBER_MAX_FAILURES", 30)))


def lock_duration() -> dt.timedelta:
    return dt.timedelta(minutes=int(str(_get("SHAHRVAND_OTP_LOCK_MINUTES", 15))))


def rate(name: str) -> str:
    defaults = {
        "phone": "10/h",  # codes sent to one number
        "phone_ip": "3/h",  # codes sent to one number at the request of one address
        "ip": "20/h",  # codes requested from one address
        "verify_ip": "60/h",  # codes tried from one address (across numbers)
    }
    rates = _get("SHAHRVAND_OTP_RATES", {})
    assert isinstance(rates, dict)
    return str(rates.get(name, defaults[name]))


def session_idle() -> dt.timedelta:
    return dt.timedelta(minutes=int(str(_get("SHAHRVAND_CITIZEN_SESSION_IDLE_MINUTES", 30))))


def session_max_age() -> dt.timedelta:
    return dt.timedelta(hours=int(str(_get("SHAHRVAND_CITIZEN_SESSION_MAX_HOURS", 12))))
