"""Retraining from corrections: weekly by Celery beat in production, or `manage.py
retrain_classifier` (not on the embedded worker, which runs its jobs every few seconds)."""

from __future__ import annotations

from celery import shared_task

from .learning import retrain


@shared_task(name="triage.retrain", ignore_result=True)
def retrain_classifier() -> dict[str, object]:
    return retrain()
