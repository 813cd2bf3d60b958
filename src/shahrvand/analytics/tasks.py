"""The periodic rollup refresh (beat: settings.CELERY_BEAT_SCHEDULE["analytics-refresh"])."""

from __future__ import annotations

from celery import shared_task

from shahrvand.common import embedded

from .services import refresh_changed


@shared_task(name="analytics.refresh", ignore_result=True)
def refresh() -> dict[str, int]:
    result = refresh_changed()
    return {"partitions": result.partitions, "municipalities": result.municipalities}


embedded.register("analytics.refresh", refresh)
