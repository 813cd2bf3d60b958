"""Idempotency-Key handling for every POST that creates something.

A retried request with the same key (from the same caller) gets the first response back
and creates nothing new; the same key with a different body is refused (409).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest

from shahrvand.common.clientip import client_ip
from shahrvand.common.errors import DomainError

from .models import IdempotencyRecord

MAX_KEY = 200
Result = tuple[int, dict[str, Any]]


class IdempotencyConflict(DomainError):
    code = "idempotency_conflict"
    http_status = 409


def caller_scope(request: HttpRequest) -> str:
    token = getattr(request, "api_token_id", None)
    if token:
        return f"token:{token}"
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"ip:{client_ip(request)}"


def fingerprint(*parts: str | bytes) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() if isinstance(part, str) else part)
        digest.update(b"\x00")
    return digest.hexdigest()


def run_once(
    request: HttpRequest,
    *,
    endpoint: str,
    request_hash: str,
    create: Callable[[], Result],
    claim_first: bool = False,
) -> Result:
    """Run `create` (which returns status and body) at most once per Idempotency-Key.

    `claim_first`: insert the record before the work instead of after it (one statement
    more), for work with effects outside the database, such as stored files: a repeated
    key then stops before anything is written."""
    key = request.headers.get("Idempotency-Key", "").strip()
    if not key:
        return create()
    if len(key) > MAX_KEY or not key.isprintable():
        raise DomainError(
            "کلید Idempotency-Key نامعتبر است.",
            message_en=f"Idempotency-Key must be printable and at most {MAX_KEY} characters.",
            field="Idempotency-Key",
            code="invalid_idempotency_key",
        )
    return run_once_keyed(
        scope=caller_scope(request),
        key=key,
        endpoint=endpoint,
        request_hash=request_hash,
        create=create,
        claim_first=claim_first,
    )


def run_once_keyed(
    *,
    scope: str,
    key: str,
    endpoint: str,
    request_hash: str,
    create: Callable[[], Result],
    claim_first: bool = False,
) -> Result:
    """`run_once` for a key that does not come from the Idempotency-Key header (the citizen
    form's hidden submission key); the caller checks the key's shape and chooses the scope."""
    # No lookup first: the record's unique (scope, key) insert, in the same transaction as
    # the work, is the check. A key already used (or used by a concurrent request, whose
    # commit the insert waits for) raises IntegrityError, the work rolls back with it and
    # the stored answer is replayed. A first use costs one statement (two if claim_first).
    try:
        with transaction.atomic():
            if claim_first:
                record = IdempotencyRecord.objects.create(
                    scope=scope, key=key, endpoint=endpoint, request_hash=request_hash
                )
                status, body = create()
                record.status_code, record.response = status, body
                record.save(update_fields=["status_code", "response"])
            else:
                status, body = create()
                IdempotencyRecord.objects.create(
                    scope=scope,
                    key=key,
                    endpoint=endpoint,
                    request_hash=request_hash,
                    status_code=status,
                    response=body,
                )
    except IntegrityError:
        # The key was used before, or a concurrent request with it committed first:
        # answer as it did (or 409 when the body differs).
        previous = _replay(scope, key, request_hash)
        if previous is None:
            raise
        return previous
    return status, body


def _replay(scope: str, key: str, request_hash: str) -> Result | None:
    record = IdempotencyRecord.objects.filter(scope=scope, key=key).first()
    if record is None:
        return None
    if record.request_hash != request_hash:
        raise IdempotencyConflict(
            "این Idempotency-Key قبلاً برای درخواست دیگری به کار رفته است.",
            message_en="This Idempotency-Key was already used for a different request.",
            field="Idempotency-Key",
        )
    return record.status_code, record.response
