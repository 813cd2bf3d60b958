"""Sign-in by one-time code: send a code to a mobile number, check the code it gets back.

Codes are six random digits, stored only as a salted HMAC keyed with SECRET_KEY (the table
alone does not give the code away, and 10^6 guesses against an unkeyed hash would).
A code lives `SHAHRVAND_OTP_TTL_SECONDS`, is used once, and dies when a newer one is sent.
Abuse limits (decision 0033), designed so that a stranger cannot lock a citizen out of
their own number: codes sent per number, per number and address, and per address (fixed
windows on the cache), a minimum wait before re-sending; wrong codes per code and address
(then that address must ask for a new code), per code from everyone (then the code dies),
per number and address with a progressive delay across codes, per address across numbers,
and a lock of the number only after many wrong codes from everyone (several addresses).
Wrong guesses are committed before the error is raised, so the count survives the failed
request.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shahrvand.common import backoff, ratelimit
from shahrvand.common.persian import mask_phone, normalize_digits, normalize_mobile
from shahrvand.common.persian import to_persian_digits as fa
from shahrvand.notifications.providers import ProviderError, sms_provider
from shahrvand.security.pii import blind_index

from . import conf
from .errors import OtpError, PhoneLocked, SmsFailed, TooManyRequests
from .models import CitizenAccount, OtpChallenge, PhoneLock

log = logging.getLogger(__name__)
CODE_RE = re.compile(r"^\d{6}$")


def parse_phone(raw: str) -> str:
    """The number as 09XXXXXXXXX, or OtpError with the Persian reason."""
    phone = normalize_mobile(raw or "")
    if phone is None:
        raise OtpError(
            "شماره همراه معتبر نیست؛ آن را به شکل ۰۹۱۲۳۴۵۶۷۸۹ وارد کنید.",
            message_en="Not an Iranian mobile number (09XXXXXXXXX).",
            field="phone",
            code="invalid_phone",
        )
    return phone


def _digest(phone: str, code: str, salt: str) -> str:
    key = settings.SECRET_KEY.encode("utf-8")
    return hmac.new(key, f"otp:{salt}:{phone}:{code}".encode(), hashlib.sha256).hexdigest()


def _hash(phone: str, code: str) -> str:
    salt = secrets.token_hex(8)
    return f"{salt}${_digest(phone, code, salt)}"


def _matches(stored: str, phone: str, code: str) -> bool:
    salt, _, digest = stored.partition("$")
    return hmac.compare_digest(digest, _digest(phone, code, salt))


def _wait_text(seconds: float) -> str:
    if seconds < 90:
        return f"{fa(max(1, int(seconds)))} ثانیه"
    return f"{fa(int(seconds // 60) + (1 if seconds % 60 else 0))} دقیقه"


def _too_many(retry_after: int, field: str = "phone") -> TooManyRequests:
    error = TooManyRequests(
        f"درخواست‌های زیادی فرستاده‌اید؛ {_wait_text(retry_after)} دیگر دوباره تلاش کنید.",
        message_en=f"Too many requests; try again in {retry_after} s.",
        field=field,
    )
    error.retry_after = max(1, retry_after)
    return error


def _limit(scope: str, ident: str, rate: str) -> None:
    allowed, retry_after = ratelimit.allow(scope, ident, rate)
    if not allowed:
        raise _too_many(retry_after)


def _guesser(phone: str, ip: str | None) -> str:
    """The progressive-delay key of wrong codes from one address against one number."""
    return f"otp-guess:{blind_index(phone)}:{ip or 'unknown'}"


def _check_lock(phone: str) -> None:
    lock = PhoneLock.objects.filter(phone_index=blind_index(phone)).first()
    now = timezone.now()
    if lock and lock.locked_until and lock.locked_until > now:
        left = (lock.locked_until - now).total_seconds()
        error = PhoneLocked(
            f"به دلیل ورود کدهای نادرست بسیار، ورود با این شماره تا {_wait_text(left)} "
            "دیگر ممکن نیست.",
            message_en=f"Too many wrong codes; this number is locked for {int(left)} s.",
            field="code",
        )
        error.retry_after = max(1, int(left))
        raise error


def otp_request(*, phone_raw: str, ip: str | None, purpose: str = "ورود") -> OtpChallenge:
    """Send a new code to the number; return its challenge (the code itself is not kept).
    `purpose` names the code in the SMS («کد ورود», «کد تأیید»): the same codes, limits and
    lockouts prove a number for sign-in and for acting on a report (decision 0032).

    Raises OtpError (bad number), PhoneLocked, TooManyRequests or SmsFailed."""
    phone = parse_phone(phone_raw)
    _check_lock(phone)
    now = timezone.now()
    last = (
        OtpChallenge.objects.filter(phone_index=blind_index(phone))
        .exclude(sms_id="")
        .order_by("-created_at")
        .first()
    )
    if last and now - last.created_at < conf.resend_after():
        wait = (last.created_at + conf.resend_after() - now).total_seconds()
        error = TooManyRequests(
            f"کد ورود همین حالا فرستاده شد؛ برای کد تازه {_wait_text(wait)} صبر کنید.",
            message_en=f"A code was just sent; wait {int(wait)} s for another.",
            field="phone",
            code="resend_too_soon",
        )
        error.retry_after = max(1, int(wait))
        raise error
    _limit("otp-phone", blind_index(phone), conf.rate("phone"))  # no number in Redis
    if ip:
        _limit("otp-phone-ip", f"{blind_index(phone)}:{ip}", conf.rate("phone_ip"))
        _limit("otp-ip", ip, conf.rate("ip"))
    code = f"{secrets.randbelow(10**6):06d}"
    with transaction.atomic():
        OtpChallenge.objects.filter(
            phone_index=blind_index(phone), used_at=None, superseded=False
        ).update(superseded=True)
        challenge = OtpChallenge.objects.create(
            phone=phone,
            code_hash=_hash(phone, code),
            created_at=now,
            expires_at=now + conf.code_ttl(),
            ip=ip,
        )
    minutes = fa(int(conf.code_ttl().total_seconds() // 60) or 1)
    text = (
        f"شهروند\nکد {purpose} شما: {fa(code)}\n"
        f"این کد تا {minutes} دقیقه معتبر است. آن را به هیچ‌کس ندهید."
    )
    try:
        # Sent now, not through the notification queue: a code queued behind other
        # messages could expire before it arrives.
        sms_id = sms_provider().send(phone, text, reference=f"otp-{challenge.pk}")
    except ProviderError as exc:
        log.warning("OTP SMS to %s failed: %s", mask_phone(phone), exc)
        OtpChallenge.objects.filter(pk=challenge.pk).update(superseded=True)
        raise SmsFailed(
            "ارسال پیامک کد ورود ممکن نشد؛ چند دقیقه دیگر دوباره تلاش کنید.",
            message_en="The SMS could not be sent; try again in a few minutes.",
            field="phone",
        ) from exc
    OtpChallenge.objects.filter(pk=challenge.pk).update(sms_id=sms_id[:64])
    challenge.sms_id = sms_id[:64]
    return challenge


def otp_verify(*, phone_raw: str, code_raw: str, ip: str | None) -> CitizenAccount:
    """Check the code sent to the number; return the citizen's account (created on first
    sign-in). Raises OtpError (wrong, expired or missing code, or too many wrong codes from
    this address against this code), PhoneLocked or TooManyRequests; a wrong code is counted
    even though an error is raised."""
    phone = parse_phone(phone_raw)
    if ip:
        _limit("otp-verify-ip", ip, conf.rate("verify_ip"))
    guesser = _guesser(phone, ip)
    if wait := backoff.wait(guesser):
        raise _too_many(wait, field="code")
    _check_lock(phone)
    code = normalize_digits(code_raw or "").strip()
    if not CODE_RE.match(code):
        raise OtpError(
            "کد ورود شش رقم است؛ آن را همان‌طور که در پیامک آمده وارد کنید.",
            message_en="The code has six digits.",
            field="code",
            code="code_format",
        )
    now = timezone.now()
    with transaction.atomic():
        challenge = (
            OtpChallenge.objects.select_for_update()
            .filter(phone_index=blind_index(phone), used_at=None, superseded=False)
            .order_by("-created_at")
            .first()
        )
        if challenge is None or challenge.expires_at <= now:
            raise OtpError(
                "کد ورود منقضی شده یا دیگر معتبر نیست؛ کد تازه بخواهید.",
                message_en="The code has expired or was already used; ask for a new one.",
                field="code",
                code="code_expired",
            )
        # This address's wrong codes against this code: past the limit it must ask for a new
        # code, while the citizen elsewhere can still use this one.
        spent_key = f"otp-challenge:{challenge.pk}:{ip or 'unknown'}"
        if backoff.failures(spent_key) >= conf.max_failures():
            raise OtpError(
                "این کد چند بار نادرست وارد شد؛ کد تازه بخواهید.",
                message_en="Too many wrong tries of this code from here; ask for a new one.",
                field="code",
                code="code_spent",
            )
        if _matches(challenge.code_hash, phone, code):
            challenge.used_at = now
            challenge.save(update_fields=["used_at"])
            PhoneLock.objects.filter(phone_index=blind_index(phone)).delete()
            account, _ = CitizenAccount.objects.get_or_create(
                phone_index=blind_index(phone), defaults={"phone": phone}
            )
            account.last_login_at = now
            account.save(update_fields=["last_login_at"])
            backoff.clear(guesser)
            return account
        challenge.failed_attempts += 1
        if challenge.failed_attempts >= conf.challenge_max_failures():
            challenge.superseded = True
        lock, _ = PhoneLock.objects.select_for_update().get_or_create(
            phone_index=blind_index(phone), defaults={"phone": phone}
        )
        if lock.locked_until or (lock.failures and now - lock.updated_at > conf.lock_duration()):
            lock.failures, lock.locked_until = 0, None  # an old lock or old failures lapse
        lock.failures += 1
        locked = lock.failures >= conf.number_max_failures()
        if locked:
            lock.locked_until = now + conf.lock_duration()
            challenge.superseded = True
        lock.save()
        challenge.save(update_fields=["failed_attempts", "superseded"])
        spent = backoff.count(spent_key, window=int(conf.code_ttl().total_seconds()) + 1)
        backoff.fail(guesser, free=conf.max_failures())
        remaining = min(
            conf.max_failures() - spent,
            conf.challenge_max_failures() - challenge.failed_attempts,
        )
    if locked:
        minutes = fa(int(conf.lock_duration().total_seconds() // 60))
        error = PhoneLocked(
            f"کد ورود نادرست است. به دلیل ورود کدهای نادرست بسیار، ورود با این شماره "
            f"تا {minutes} دقیقه ممکن نیست.",
            message_en="Wrong code; too many wrong codes, this number is locked.",
            field="code",
        )
        error.retry_after = int(conf.lock_duration().total_seconds())
        raise error
    if remaining <= 0:
        raise OtpError(
            "کد ورود نادرست است؛ این کد دیگر پذیرفته نمی‌شود، کد تازه بخواهید.",
            message_en="Wrong code; this code is no longer accepted, ask for a new one.",
            field="code",
            code="code_spent",
        )
    raise OtpError(
        f"کد ورود نادرست است؛ {fa(remaining)} بار دیگر می‌توانید تلاش کنید.",
        message_en=f"Wrong code; {remaining} attempts left.",
        field="code",
        code="code_wrong",
    )
