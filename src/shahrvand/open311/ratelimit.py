"""Rate limit of POST /requests: a fixed window per API client (shahrvand.common.ratelimit).

At most `SHAHRVAND_OPEN311_POST_RATE` (default "60/m") POSTs per client and window.
Every POST with a valid key counts, accepted or not.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from shahrvand.common.ratelimit import allow

from .models import ApiClient

DEFAULT_RATE = "60/m"


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    rate: str
    retry_after: int


def hit(client: ApiClient) -> RateDecision:
    """Count one request of `client` and say whether it is within the limit."""
    rate = str(getattr(settings, "SHAHRVAND_OPEN311_POST_RATE", DEFAULT_RATE))
    allowed, retry_after = allow("open311-post", str(client.pk), rate)
    return RateDecision(allowed=allowed, rate=rate, retry_after=retry_after)
