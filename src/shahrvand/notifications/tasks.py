"""Thin tasks: Celery in production, the embedded worker thread in `make run`."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from shahrvand.common import embedded
from shahrvand.common.broker import send_quietly

from . import delivery


@shared_task(name="notifications.dispatch", ignore_result=True)
def dispatch() -> int:
    """Plan the messages of new events, then send whatever is due (new and retries)."""
    delivery.fan_out()
    return delivery.deliver_due()


def kick() -> None:
    """After a commit that published events: send soon, without blocking the request."""
    if settings.CELERY_BROKER_URL:
        send_quietly(dispatch)
    else:
        embedded.wake()


embedded.register("notifications.dispatch", dispatch)
