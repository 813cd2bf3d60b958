"""Fan-out of outbox events to subscribers and delivery with retries and backoff.

A delivery is leased (its next attempt pushed into the future) in a short transaction
before the HTTP call, so several workers never send the same delivery at once and no row
lock is held while waiting on a subscriber.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from shahrvand.common.retry import LEASE, MAX_ATTEMPTS, backoff
from shahrvand.outbox.models import OutboxEvent

from .models import Attempt, Delivery, Subscription
from .signing import DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, sign

TIMEOUT = 5.0


def fan_out(limit: int = 500) -> int:
    """Create one Delivery per (undispatched event, interested subscriber); return events done."""
    with transaction.atomic():
        events = list(
            OutboxEvent.objects.select_for_update(skip_locked=True)
            .filter(dispatched_at__isnull=True)
            .order_by("created_at")[:limit]
        )
        if not events:
            return 0
        subscriptions = list(Subscription.objects.filter(is_active=True))
        now = timezone.now()
        Delivery.objects.bulk_create(
            [
                Delivery(subscription=s, event=e, next_attempt_at=now)
                for e in events
                for s in subscriptions
                if s.wants(e)
            ],
            ignore_conflicts=True,
        )
        OutboxEvent.objects.filter(pk__in=[e.pk for e in events]).update(dispatched_at=now)
    return len(events)


def body_of(event: OutboxEvent) -> bytes:
    document = {
        "id": str(event.id),
        "type": event.type,
        "created_at": event.created_at.isoformat(),
        "data": event.payload,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode()


def _lease(limit: int) -> list[Delivery]:
    now = timezone.now()
    with transaction.atomic():
        due = list(
            Delivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription", "event")
            .filter(state=Delivery.State.PENDING, next_attempt_at__lte=now)
            .order_by("next_attempt_at")[:limit]
        )
        Delivery.objects.filter(pk__in=[d.pk for d in due]).update(next_attempt_at=now + LEASE)
    return due


def send(delivery: Delivery) -> tuple[int | None, str]:
    """POST the signed event; return (HTTP status or None, error text)."""
    body = body_of(delivery.event)
    timestamp = int(time.time())
    request = urllib.request.Request(  # noqa: S310 - admins register http(s) URLs only
        delivery.subscription.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json; charset=utf-8",
            "User-Agent": "Shahrvand-Webhooks/1",
            EVENT_HEADER: delivery.event.type,
            DELIVERY_HEADER: str(delivery.pk),
            TIMESTAMP_HEADER: str(timestamp),
            SIGNATURE_HEADER: sign(delivery.subscription.secret, timestamp, body),
        },
    )
    try:
        # bandit B310: the subscription URL is an http(s) URLField set by the superuser
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 # nosec B310
            return int(response.status), ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        return None, str(getattr(exc, "reason", exc))[:500]


def attempt(delivery: Delivery) -> bool:
    """Send once, log the attempt, and schedule the retry or finish. True if delivered."""
    started = time.monotonic()
    status, error = send(delivery)
    elapsed = int((time.monotonic() - started) * 1000)
    ok = status is not None and 200 <= status < 300
    now = timezone.now()
    with transaction.atomic():
        number = Attempt.objects.filter(delivery=delivery).count() + 1
        Attempt.objects.create(
            delivery=delivery, number=number, status_code=status, error=error, duration_ms=elapsed
        )
        attempts = delivery.attempts + 1
        fields: dict[str, object] = {
            "attempts": F("attempts") + 1,
            "last_status_code": status,
            "last_error": error,
        }
        if ok:
            fields |= {"state": Delivery.State.SUCCEEDED, "delivered_at": now}
        elif attempts >= MAX_ATTEMPTS:
            fields |= {"state": Delivery.State.FAILED}
        else:
            fields |= {"next_attempt_at": now + backoff(attempts)}
        Delivery.objects.filter(pk=delivery.pk).update(**fields)
    return ok


def deliver_due(limit: int = 100) -> int:
    """Attempt every delivery that is due; return how many succeeded."""
    return sum(attempt(d) for d in _lease(limit))


def replay(delivery: Delivery) -> None:
    """Queue a failed (or any) delivery again for a fresh round of attempts."""
    Delivery.objects.filter(pk=delivery.pk).update(
        state=Delivery.State.PENDING, attempts=0, next_attempt_at=timezone.now()
    )
