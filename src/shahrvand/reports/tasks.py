"""Thin periodic tasks of the report lifecycle."""

from __future__ import annotations

from celery import shared_task

from shahrvand.common import embedded

from .learning import retrain
from .services.escalation import escalate_due
from .services.retention import anonymise_ended_reports


@shared_task(name="reports.escalate", ignore_result=True)
def escalate() -> dict[str, int]:
    return escalate_due()


embedded.register("reports.escalate", escalate)


@shared_task(name="reports.anonymise_closed", ignore_result=True)
def anonymise_closed() -> int:
    return anonymise_ended_reports()


# Retraining from staff corrections: weekly by Celery beat in production, or `manage.py
# retrain_classifier` (not on the embedded worker, which runs its jobs every few seconds).
# The task keeps its name from when it lived in triage: the beat schedule and any queued
# message use it.
@shared_task(name="triage.retrain", ignore_result=True)
def retrain_classifier() -> dict[str, object]:
    return retrain()
