"""Thin periodic tasks of the report lifecycle."""

from __future__ import annotations

from celery import shared_task

from shahrvand.common import embedded

from .services.escalation import escalate_due
from .services.retention import anonymise_ended_reports


@shared_task(name="reports.escalate", ignore_result=True)
def escalate() -> dict[str, int]:
    return escalate_due()


embedded.register("reports.escalate", escalate)


@shared_task(name="reports.anonymise_closed", ignore_result=True)
def anonymise_closed() -> int:
    return anonymise_ended_reports()
