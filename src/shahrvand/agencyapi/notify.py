"""Telling agencies that an inquiry opened: a signed POST to the agency's webhook URL,
retried with the shared policy (common/retry.py) and logged in the exchange log.

Inquiries are discovered by polling active agency steps (every 30 s by Celery beat and by
the embedded worker), so eservices needs no knowledge of this app.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shahrvand.common.retry import LEASE, MAX_ATTEMPTS, backoff
from shahrvand.eservices.models import CaseStep

from . import signing
from .api import inquiry_document
from .models import AgencyCredential, Exchange, InquiryNotice

TIMEOUT = 5.0
LOOKBACK = dt.timedelta(days=7)
EVENT = "inquiry.opened"


def discover(*, now: dt.datetime | None = None) -> int:
    """Queue one notice per newly active agency step whose agency has a webhook."""
    now = now or timezone.now()
    hooks: dict[int, AgencyCredential] = {}
    for credential in (
        AgencyCredential.objects.filter(revoked_at__isnull=True)
        .exclude(webhook_url="")
        .order_by("created_at")
    ):
        hooks[credential.agency_id] = credential  # the newest key of each agency wins
    if not hooks:
        return 0
    steps = CaseStep.objects.filter(
        agency_id__in=list(hooks),
        status=CaseStep.Status.ACTIVE,
        started_at__gte=now - LOOKBACK,
    ).values_list("pk", "agency_id", "started_at")
    created = InquiryNotice.objects.bulk_create(
        [
            InquiryNotice(
                step_id=pk, opened_at=started, credential=hooks[agency_id], next_attempt_at=now
            )
            for pk, agency_id, started in steps
            if agency_id is not None and started is not None
        ],
        ignore_conflicts=True,
    )
    return len(created)


def _lease(limit: int) -> list[InquiryNotice]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            InquiryNotice.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("credential", "credential__agency")
            .filter(state=InquiryNotice.State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")[:limit]
        )
        InquiryNotice.objects.filter(pk__in=[n.pk for n in due]).update(next_attempt_at=now + LEASE)
    return due


def body_of(notice: InquiryNotice) -> bytes:
    step = CaseStep.objects.select_related("case", "case__service", "case__definition").get(
        pk=notice.step_id
    )
    document = {"type": EVENT, "notice": notice.pk, "inquiry": inquiry_document(step)}
    return json.dumps(
        document, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    ).encode()


def send(notice: InquiryNotice) -> tuple[int | None, str]:
    """POST the signed notice once, log the exchange; return (HTTP status or None, error)."""
    credential = notice.credential
    body = body_of(notice)
    url = credential.webhook_url
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return None, f"unsupported webhook URL scheme {parts.scheme!r}"
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    timestamp = str(int(time.time()))
    nonce = secrets.token_urlsafe(18)
    secret = signing.derive_secret(credential.key_id, credential.salt)
    signature = signing.sign(
        secret, signing.canonical_request("POST", path, timestamp, nonce, body)
    )
    request = urllib.request.Request(  # noqa: S310 - admins register http(s) URLs only
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Shahrvand-AgencyAPI/1",
            signing.KEY_HEADER: credential.key_id,
            signing.TIMESTAMP_HEADER: timestamp,
            signing.NONCE_HEADER: nonce,
            signing.SIGNATURE_HEADER: signature,
            signing.EVENT_HEADER: EVENT,
        },
    )
    started = time.monotonic()
    status: int | None
    answer = b""
    try:
        # The scheme was checked above: http(s) only, never file:// or custom handlers.
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 # nosec B310
            status, answer = int(response.status), response.read(64 * 1024)
        error = ""
    except urllib.error.HTTPError as exc:
        status, error, answer = exc.code, f"HTTP {exc.code}", exc.read(64 * 1024)
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        status, error = None, str(getattr(exc, "reason", exc))[:255]
    Exchange.objects.create(
        direction=Exchange.Direction.OUT,
        agency=credential.agency,
        key_id=credential.key_id,
        method="POST",
        endpoint=url[:500],
        nonce=nonce,
        headers_digest=signing.headers_digest(credential.key_id, timestamp, nonce, signature),
        request_body=body.decode(),
        request_digest=signing.body_digest(body),
        request_signature=signature,
        status=status,
        outcome="ok" if status is not None and 200 <= status < 300 else (error or "error")[:32],
        response_body=answer.decode("utf-8", errors="replace"),
        duration_ms=int((time.monotonic() - started) * 1000),
    )
    return status, error


def attempt(notice: InquiryNotice) -> bool:
    status, error = send(notice)
    ok = status is not None and 200 <= status < 300
    now = timezone.now()
    attempts = notice.attempts + 1
    fields: dict[str, object] = {
        "attempts": F("attempts") + 1,
        "last_status": status,
        "last_error": error[:255],
    }
    if ok:
        fields |= {"state": InquiryNotice.State.SUCCEEDED, "delivered_at": now}
    elif attempts >= MAX_ATTEMPTS:
        fields |= {"state": InquiryNotice.State.FAILED}
    else:
        fields |= {"next_attempt_at": now + backoff(attempts)}
    InquiryNotice.objects.filter(pk=notice.pk).update(**fields)
    return ok


def deliver_due(limit: int = 100) -> int:
    """Attempt every notice that is due; return how many were delivered."""
    return sum(attempt(n) for n in _lease(limit))
