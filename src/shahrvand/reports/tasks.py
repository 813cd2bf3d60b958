"""Thin periodic tasks of the report lifecycle."""

from __future__ import annotations

from celery import shared_task

from shahrvand.common import embedded

from .services.escalation import escalate_due


@shared_task(name="reports.escalate", ignore_result=True)
def escalate() -> dict[str, int]:
    return escalate_due()


embedded.register("reports.escalate", escalate)
