"""The periodic rollup refresh (beat: settings.CELERY_BEAT_SCHEDULE["analytics-refresh"])."""

from __future__ import annotations

import time

from celery import shared_task
from django.conf import settings
from django.core.cache import cache

from shahrvand.common import embedded

from .services import refresh_changed

PREWARMED_AT = "analytics:prewarmed-at"


def _prewarm_due(changed: bool) -> bool:
    """After a refresh that changed rollups, or when the last warm-up's entries are half
    way to expiring (the embedded worker of `make run` refreshes every 15 s)."""
    seconds: int = settings.SHAHRVAND_ANALYTICS_CACHE_SECONDS
    if not settings.SHAHRVAND_ANALYTICS_PREWARM or seconds <= 0:
        return False
    last = cache.get(PREWARMED_AT)
    return changed or not isinstance(last, float) or time.time() - last > seconds / 2


@shared_task(name="analytics.refresh", ignore_result=True)
def refresh() -> dict[str, int]:
    """Bring the rollups up to date, then fill the read cache with what the dashboards
    will ask for first (views.prewarm; off with SHAHRVAND_ANALYTICS_PREWARM=0)."""
    result = refresh_changed()
    reads = 0
    if _prewarm_due(changed=result.partitions > 0):
        from .views.prewarm import prewarm

        reads = prewarm()
        cache.set(PREWARMED_AT, time.time(), None)
    return {
        "partitions": result.partitions,
        "municipalities": result.municipalities,
        "prewarmed_reads": reads,
    }


embedded.register("analytics.refresh", refresh)
