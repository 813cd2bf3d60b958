"""The periodic rollup refresh (beat: settings.CELERY_BEAT_SCHEDULE["analytics-refresh"])."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from shahrvand.common import embedded

from .services import refresh_changed


@shared_task(name="analytics.refresh", ignore_result=True)
def refresh() -> dict[str, int]:
    """Bring the rollups up to date, then fill the read cache with what the dashboards
    will ask for first (views.prewarm; off with SHAHRVAND_ANALYTICS_PREWARM=0)."""
    result = refresh_changed()
    reads = 0
    if settings.SHAHRVAND_ANALYTICS_PREWARM and settings.SHAHRVAND_ANALYTICS_CACHE_SECONDS > 0:
        from .views.prewarm import prewarm

        reads = prewarm()
    return {
        "partitions": result.partitions,
        "municipalities": result.municipalities,
        "prewarmed_reads": reads,
    }


embedded.register("analytics.refresh", refresh)
