from __future__ import annotations

from typing import Any

from django.db import transaction

from .models import OutboxEvent

_listeners: list[Any] = []


def on_commit_kick(callback: Any) -> None:
    """Register a callable run after a transaction that published events commits (e.g. to
    wake a worker). Consumers register themselves in their AppConfig.ready."""
    if callback not in _listeners:
        _listeners.append(callback)


def publish(event_type: str, *, municipality_id: int, payload: dict[str, Any]) -> OutboxEvent:
    """Record a domain event inside the caller's transaction."""
    return publish_many([(event_type, municipality_id, payload)])[0]


def publish_many(events: list[tuple[str, int, dict[str, Any]]]) -> list[OutboxEvent]:
    """Record (type, municipality id, payload) events, in this order, in one insert inside
    the caller's transaction."""
    rows = OutboxEvent.objects.bulk_create(
        [OutboxEvent(type=t, municipality_id=m, payload=p) for t, m, p in events]
    )
    for callback in _listeners:
        transaction.on_commit(callback)
    return rows
