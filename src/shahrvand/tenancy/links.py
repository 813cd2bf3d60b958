"""Absolute links that leave the site: in SMS, e-mail, certificates (QR and verify link),
payment callbacks. One place, so none of them carries the host a worker happens to run on.

The base is the municipality's own `public_url` when it has its own domain, else the
deployment's SHAHRVAND_PUBLIC_URL. Answers to a request (the API, Open311) keep using the
request's host; this is for what is sent or printed.
"""

from __future__ import annotations

from django.conf import settings

from .models import Municipality


def public_base(municipality: Municipality | None = None) -> str:
    """The site's public origin for `municipality`, without a trailing slash."""
    base = (municipality.public_url if municipality is not None else "") or str(
        settings.SHAHRVAND_PUBLIC_URL
    )
    return base.rstrip("/")


def public_url(municipality: Municipality | None, path: str) -> str:
    """The absolute address of `path` (a site path such as reverse() gives; an address that
    is already absolute, e.g. a file on object storage, is returned as it is)."""
    if path.startswith(("http://", "https://")):
        return path
    return public_base(municipality) + "/" + path.lstrip("/")
