"""Issuing, checking and revoking Open311 API keys (the only writers of ApiClient)."""

from __future__ import annotations

import hashlib
import logging
import os
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shahrvand.tenancy.models import Municipality

from .models import ApiClient

log = logging.getLogger(__name__)

KEY_PREFIX_LENGTH = 8
DEMO_CLIENT_NAME = "Demo Open311 app"
DEMO_KEY_DEFAULT = "demo-open311-key"


def hash_key(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode("utf-8")).hexdigest()


def generate_key() -> str:
    """A fresh random key (about 240 bits), safe in URLs and form bodies."""
    return "s311_" + secrets.token_urlsafe(30)


@transaction.atomic
def api_client_create(
    *,
    name: str,
    contact: str = "",
    municipality: Municipality | None = None,
    raw_key: str | None = None,
) -> tuple[ApiClient, str]:
    """Register an app; return it with its key in clear, which is never stored or shown again."""
    key = raw_key or generate_key()
    client = ApiClient.objects.create(
        name=name,
        contact=contact,
        municipality=municipality,
        key_hash=hash_key(key),
        key_prefix=key[:KEY_PREFIX_LENGTH],
    )
    return client, key


def api_client_set_key(*, client: ApiClient, raw_key: str | None = None) -> str:
    """Give an (unsaved or existing) client a new key; return the key in clear."""
    key = raw_key or generate_key()
    client.key_hash = hash_key(key)
    client.key_prefix = key[:KEY_PREFIX_LENGTH]
    return key


def api_client_revoke(*, client: ApiClient) -> ApiClient:
    """Disable the key for good; reports already sent by the app stay as they are."""
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
    client.is_active = False
    client.save(update_fields=["revoked_at", "is_active"])
    return client


def client_for_key(raw_key: str) -> ApiClient | None:
    """The usable client owning `raw_key`, or None (unknown, inactive or revoked)."""
    if not raw_key:
        return None
    client = ApiClient.objects.filter(key_hash=hash_key(raw_key)).first()
    if client is None or not client.is_usable:
        return None
    return client


def demo_keys_allowed() -> bool:
    """Demo keys exist only outside production: `SHAHRVAND_ALLOW_DEMO_API_KEY` decides, and
    defaults to False under config.settings.production and True elsewhere."""
    default = not str(getattr(settings, "SETTINGS_MODULE", "")).endswith(".production")
    return bool(getattr(settings, "SHAHRVAND_ALLOW_DEMO_API_KEY", default))


def ensure_demo_api_client() -> ApiClient | None:
    """Register the demo app with key `demo-open311-key` (or $SHAHRVAND_DEMO_API_KEY).

    Idempotent, for the demo loader. Returns None, creating nothing, under production
    settings. A demo client that staff revoked stays revoked.
    """
    if not demo_keys_allowed():
        log.warning("Not creating the Open311 demo API client under production settings.")
        return None
    raw_key = os.environ.get("SHAHRVAND_DEMO_API_KEY") or DEMO_KEY_DEFAULT
    existing = ApiClient.objects.filter(key_hash=hash_key(raw_key)).first()
    if existing is not None:
        return existing
    name = DEMO_CLIENT_NAME
    if ApiClient.objects.filter(name=name).exists():
        name = f"{DEMO_CLIENT_NAME} {raw_key[:KEY_PREFIX_LENGTH]}"
    client, _ = api_client_create(
        name=name, contact="demo@shahrvand.invalid", municipality=None, raw_key=raw_key
    )
    return client
