"""Thin tasks: Celery in production, the embedded worker thread in `make run`."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from shahrvand.common import embedded
from shahrvand.common.broker import send_quietly

from . import delivery


@shared_task(name="webhooks.dispatch", ignore_result=True)
def dispatch() -> int:
    delivery.fan_out()
    return delivery.deliver_due()


def kick() -> None:
    """After a commit that published events: deliver soon, without blocking the request."""
    if settings.CELERY_BROKER_URL:
        send_quietly(dispatch)
    else:
        embedded.wake()


embedded.register("webhooks.dispatch", dispatch)
