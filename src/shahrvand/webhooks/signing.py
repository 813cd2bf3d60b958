"""Signature of webhook bodies: HMAC-SHA256 over "<timestamp>.<body>".

Receivers recompute it with the subscription's secret, compare in constant time and
reject timestamps older than a few minutes (replay protection).
"""

from __future__ import annotations

import hashlib
import hmac

SIGNATURE_HEADER = "X-Shahrvand-Signature"
TIMESTAMP_HEADER = "X-Shahrvand-Timestamp"
EVENT_HEADER = "X-Shahrvand-Event"
DELIVERY_HEADER = "X-Shahrvand-Delivery"


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify(
    secret: str, timestamp: int, body: bytes, signature: str, *, now: int, tolerance: int = 300
) -> bool:
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
