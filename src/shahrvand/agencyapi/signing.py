"""The agency API's signature scheme (docs/agency-api.md), shared by both directions.

Request  (agency → us, and us → agency webhook):
    X-Shahrvand-Key        key id
    X-Shahrvand-Timestamp  Unix seconds; refused when more than WINDOW seconds off
    X-Shahrvand-Nonce      16–64 characters [A-Za-z0-9_-], never reused by one key
    X-Shahrvand-Signature  "v1=" + hex HMAC-SHA256(secret, canonical request)
  canonical request = METHOD \\n PATH?QUERY \\n TIMESTAMP \\n NONCE \\n hex SHA-256(body)

Answer (us → agency):
    X-Shahrvand-Timestamp, X-Shahrvand-Signature = "v1=" + hex HMAC-SHA256(secret,
    STATUS \\n request NONCE \\n TIMESTAMP \\n hex SHA-256(answer body))
  binding the answer to the request it answers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from django.conf import settings

KEY_HEADER = "X-Shahrvand-Key"
TIMESTAMP_HEADER = "X-Shahrvand-Timestamp"
NONCE_HEADER = "X-Shahrvand-Nonce"
SIGNATURE_HEADER = "X-Shahrvand-Signature"
EVENT_HEADER = "X-Shahrvand-Event"
WINDOW = 300  # seconds either side of our clock
NONCE_RE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
VERSION = "v1="


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def canonical_request(method: str, path: str, timestamp: str, nonce: str, body: bytes) -> str:
    return "\n".join([method.upper(), path, timestamp, nonce, body_digest(body)])


def canonical_answer(status: int, nonce: str, timestamp: str, body: bytes) -> str:
    return "\n".join([str(status), nonce, timestamp, body_digest(body)])


def sign(secret: str, canonical: str) -> str:
    mac = hmac.new(secret.encode(), canonical.encode(), hashlib.sha256)
    return VERSION + mac.hexdigest()


def signature_matches(secret: str, canonical: str, signature: str) -> bool:
    return hmac.compare_digest(sign(secret, canonical), signature)


def master_key() -> bytes:
    """The server key secrets are derived from (AGENCY_API_MASTER_KEY, else from SECRET_KEY)."""
    configured = settings.AGENCY_API_MASTER_KEY
    if configured:
        return configured.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"shahrvand.agencyapi", hashlib.sha256).digest()


def derive_secret(key_id: str, salt: str) -> str:
    """The shared secret of a credential: HMAC(master key, key_id:salt), base64url.

    Only the salt is stored, so a copy of the database alone does not reveal any secret.
    """
    mac = hmac.new(master_key(), f"{key_id}:{salt}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def headers_digest(*values: str) -> str:
    return hashlib.sha256("\n".join(values).encode()).hexdigest()
