"""Spike detection: hourly by Celery beat in production; on the embedded worker of
`make run` at most once an hour (its loop runs every few seconds, hence the cache gate)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from shahrvand.common import embedded

from .alerts import raise_alerts

EMBEDDED_EVERY = 3600  # seconds


@shared_task(name="mining.detect_spikes", ignore_result=True)
def detect_spikes() -> int:
    """Raise alerts for yesterday (complete) and today so far; returns how many were new."""
    today = timezone.localdate()
    raised = 0
    for day in (today - dt.timedelta(days=1), today):
        raised += len(raise_alerts(day=day))
    return raised


def _embedded_detect() -> None:
    if cache.add("mining:detect_spikes:gate", 1, EMBEDDED_EVERY):
        detect_spikes()


embedded.register("mining.detect_spikes", _embedded_detect)
