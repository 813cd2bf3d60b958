"""Personal data at rest: authenticated encryption (Fernet: AES-128-CBC + HMAC-SHA256) for
phone numbers, and a keyed HMAC-SHA256 "blind index" so they can still be looked up.

Keys come from settings: SHAHRVAND_PII_KEYS (newest first; older keys only decrypt, which is
how a key is rotated: prepend a new key, run `manage.py rotate_pii`, then drop the old key)
and SHAHRVAND_PII_INDEX_KEY. Without them (development, tests) both are derived from
SECRET_KEY; production refuses to start without them (decision record 0025).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

# Every Fernet token starts with its version byte 0x80 and a timestamp: "gAAAAA" in base64.
# bandit B105: a format marker, not a secret
TOKEN_PREFIX = "gAAAAA"  # noqa: S105  # nosec B105


def _derived(purpose: str) -> bytes:
    return hashlib.sha256(f"shahrvand-pii:{purpose}:{settings.SECRET_KEY}".encode()).digest()


@cache
def _fernet(keys: tuple[str, ...], secret: str) -> MultiFernet:
    if keys:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    return MultiFernet([Fernet(base64.urlsafe_b64encode(_derived("encrypt")))])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.SHAHRVAND_PII_KEYS), settings.SECRET_KEY)


def _index_key() -> bytes:
    configured: str = settings.SHAHRVAND_PII_INDEX_KEY
    return configured.encode() if configured else _derived("index")


def encrypt(value: str) -> str:
    return fernet().encrypt(value.encode()).decode() if value else ""


def decrypt(stored: str) -> str:
    """The clear value. Rows written before encryption (plain digits) are returned as they
    are until the data migration or `rotate_pii` rewrites them."""
    if not stored or not stored.startswith(TOKEN_PREFIX):
        return stored
    try:
        return fernet().decrypt(stored.encode()).decode()
    except InvalidToken as exc:
        raise InvalidToken("personal data encrypted with an unknown key") from exc


def blind_index(value: str) -> str:
    """Deterministic keyed digest of an already-normalised value ("" stays "")."""
    if not value:
        return ""
    return hmac.new(_index_key(), value.encode(), hashlib.sha256).hexdigest()


def rotate(stored: str) -> str:
    """Re-encrypt with the newest key (also encrypts legacy clear values)."""
    return encrypt(decrypt(stored))
