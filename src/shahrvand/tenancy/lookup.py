"""Active municipalities by slug, as every intake and Open311 request names them.

Kept per process (common.localcopy): one cache read instead of a query per request. Any
save or delete of a municipality drops every process's copy (signals in
shahrvand.routing.apps). Callers must not modify the returned object.
"""

from __future__ import annotations

from shahrvand.common.localcopy import local_copy

from .models import Municipality


def _load() -> dict[str, Municipality]:
    return {m.slug: m for m in Municipality.objects.filter(is_active=True)}


def active_municipality(slug: str) -> Municipality | None:
    """The active municipality with this slug, or None (shared copy: read only)."""
    return local_copy("municipalities", 0, _load).get(slug)
