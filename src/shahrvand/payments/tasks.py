"""Thin tasks: Celery in production (beat: payments-reconcile), the embedded worker in dev."""

from __future__ import annotations

from celery import shared_task

from shahrvand.common import embedded

from .services import reconcile_payments


@shared_task(name="payments.reconcile", ignore_result=True)
def reconcile() -> dict[str, int]:
    return reconcile_payments()


embedded.register("payments.reconcile", reconcile)
