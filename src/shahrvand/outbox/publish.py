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
    event = OutboxEvent.objects.create(
        type=event_type, municipality_id=municipality_id, payload=payload
    )
    for callback in _listeners:
        transaction.on_commit(callback)
    return event
