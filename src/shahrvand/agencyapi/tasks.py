"""Thin task: find newly opened agency inquiries and deliver their webhook notices."""

from __future__ import annotations

from celery import shared_task

from shahrvand.common import embedded

from . import notify


@shared_task(name="agencyapi.notify", ignore_result=True)
def notify_agencies() -> int:
    notify.discover()
    return notify.deliver_due()


embedded.register("agencyapi.notify", notify_agencies)
