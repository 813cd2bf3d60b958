"""The gate in front of /api/v1/agency/: check the signature, refuse replays, sign the
answer and write every exchange (accepted or refused) to the append-only log.

It is a middleware so that nothing under the prefix — not even a 404 or a crash — escapes
the log or goes unsigned.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone

from shahrvand.common.api_errors import error_body
from shahrvand.common.errors import DomainError

from . import signing
from .models import AgencyCredential, Exchange, UsedNonce

PREFIX = "/api/v1/agency/"
MAX_LOGGED_BODY = 64 * 1024


class AgencyAuthError(DomainError):
    code = "unauthorized"
    http_status = 401


def _refuse(code: str, fa: str, en: str) -> AgencyAuthError:
    return AgencyAuthError(fa, message_en=en, code=code)


def authenticate(
    request: HttpRequest, body: bytes, *, now: float | None = None
) -> AgencyCredential:
    """The credential that signed `request`, or AgencyAuthError saying exactly why not."""
    key_id = request.headers.get(signing.KEY_HEADER, "")
    timestamp = request.headers.get(signing.TIMESTAMP_HEADER, "")
    nonce = request.headers.get(signing.NONCE_HEADER, "")
    signature = request.headers.get(signing.SIGNATURE_HEADER, "")
    if not (key_id and timestamp and nonce and signature):
        raise _refuse(
            "auth_missing",
            "درخواست امضا نشده است: سرآیندهای کلید، زمان، nonce و امضا لازم است.",
            "Unsigned request: the key, timestamp, nonce and signature headers are required.",
        )
    if not signing.NONCE_RE.match(nonce):
        raise _refuse(
            "auth_bad_nonce",
            "nonce باید ۱۶ تا ۶۴ نویسه از حروف و ارقام لاتین، - و _ باشد.",
            "The nonce must be 16-64 characters of A-Z, a-z, 0-9, - and _.",
        )
    clock = time.time() if now is None else now
    if not timestamp.isdigit() or abs(clock - int(timestamp)) > signing.WINDOW:
        raise _refuse(
            "auth_stale",
            "زمان درخواست بیش از ۵ دقیقه با ساعت سامانه فاصله دارد؛ ساعت خود را تنظیم کنید.",
            "The request timestamp is more than 5 minutes off our clock.",
        )
    credential = (
        AgencyCredential.objects.select_related("agency", "acting_user")
        .filter(key_id=key_id, revoked_at__isnull=True)
        .first()
    )
    if credential is None:
        raise _refuse(
            "auth_unknown_key",
            "کلید API شناخته نیست یا باطل شده است.",
            "Unknown or revoked API key.",
        )
    secret = signing.derive_secret(credential.key_id, credential.salt)
    canonical = signing.canonical_request(
        request.method or "GET", request.get_full_path(), timestamp, nonce, body
    )
    if not signing.signature_matches(secret, canonical, signature):
        raise _refuse(
            "auth_bad_signature",
            "امضای درخواست درست نیست.",
            "The request signature does not match.",
        )
    stamp = timezone.now()
    try:
        with transaction.atomic():
            UsedNonce.objects.create(credential=credential, nonce=nonce, at=stamp)
    except IntegrityError:
        raise _refuse(
            "auth_replay",
            "این درخواست پیش‌تر دریافت شده است (nonce تکراری).",
            "Replayed request: this nonce was already used.",
        ) from None
    UsedNonce.objects.filter(
        credential=credential, at__lt=stamp - dt.timedelta(seconds=3 * signing.WINDOW)
    ).delete()
    AgencyCredential.objects.filter(pk=credential.pk).update(last_used_at=stamp)
    return credential


def _error_code(response: HttpResponse) -> str:
    """The `code` of our JSON error body, else http_<status>."""
    if not response.streaming and response.get("Content-Type", "").startswith("application/json"):
        try:
            code = json.loads(response.content).get("code")
        except (ValueError, AttributeError):
            code = None
        if isinstance(code, str) and code:
            return code
    return f"http_{response.status_code}"


def _safe(value: str, limit: int) -> str:
    """A request-controlled value as loggable text: NUL, which PostgreSQL text cannot hold,
    becomes U+FFFD (the digests still name the exact bytes)."""
    return value[:limit].replace("\x00", "\ufffd")


def _text(raw: bytes) -> str:
    """The body as loggable text: undecodable bytes become U+FFFD, NUL too (see _safe)."""
    return _safe(raw[:MAX_LOGGED_BODY].decode("utf-8", errors="replace"), MAX_LOGGED_BODY)


class AgencyGateMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(PREFIX):
            return self.get_response(request)
        started = time.monotonic()
        body = request.body
        credential: AgencyCredential | None = None
        try:
            credential = authenticate(request, body)
        except AgencyAuthError as exc:
            response: HttpResponse = JsonResponse(
                error_body(exc.code, exc.message, exc.message_en), status=exc.http_status
            )
            outcome = exc.code
        else:
            request.agency_credential = credential  # type: ignore[attr-defined]
            response = self.get_response(request)
            outcome = "ok" if response.status_code < 400 else _error_code(response)
        nonce = request.headers.get(signing.NONCE_HEADER, "")
        answer_signature = ""
        if credential is not None and not response.streaming:
            stamp = str(int(time.time()))
            answer_signature = signing.sign(
                signing.derive_secret(credential.key_id, credential.salt),
                signing.canonical_answer(response.status_code, nonce, stamp, response.content),
            )
            response[signing.TIMESTAMP_HEADER] = stamp
            response[signing.SIGNATURE_HEADER] = answer_signature
        Exchange.objects.create(
            direction=Exchange.Direction.IN,
            agency=credential.agency if credential else None,
            key_id=_safe(request.headers.get(signing.KEY_HEADER, ""), 40),
            method=_safe(request.method or "", 8),
            endpoint=_safe(request.get_full_path(), 500),
            nonce=_safe(nonce, 64),
            headers_digest=signing.headers_digest(
                request.headers.get(signing.KEY_HEADER, ""),
                request.headers.get(signing.TIMESTAMP_HEADER, ""),
                nonce,
                request.headers.get(signing.SIGNATURE_HEADER, ""),
            ),
            request_body=_text(body),
            request_digest=signing.body_digest(body),
            request_signature=_safe(request.headers.get(signing.SIGNATURE_HEADER, ""), 80),
            status=response.status_code,
            outcome=outcome[:32],
            response_body="" if response.streaming else _text(response.content),
            response_signature=answer_signature,
            duration_ms=int((time.monotonic() - started) * 1000),
        )
        return response
