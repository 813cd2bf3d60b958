"""Who is told when a payment settles, keyed by the prefix of its reference.

The eservices app registers its case handler in its AppConfig.ready() (when payments is
installed):

    from shahrvand.payments import handlers
    from .payment_hook import PREFIX, on_payment_settled
    handlers.register(PREFIX, on_payment_settled)   # PREFIX = "case": "case:<id>"

A handler receives the paid Payment (on_payment_settled passes its token and amount on to
eservices' case_payment_settled), runs inside a savepoint of the settling transaction
(services/transitions.settle) and must be idempotent: reconciliation calls it again if it
failed the first time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .models import Payment

Handler = Callable[["Payment"], None]
_handlers: dict[str, Handler] = {}


def register(prefix: str, handler: Handler) -> None:
    """Register `handler` for references "<prefix>:…"; registering again replaces it."""
    if not prefix or ":" in prefix:
        raise ValueError("a reference prefix is a non-empty word without ':'")
    _handlers[prefix] = handler


def unregister(prefix: str) -> None:
    _handlers.pop(prefix, None)


def prefix_of(reference: str) -> str:
    return reference.split(":", 1)[0]


def handler_for(reference: str) -> Handler | None:
    return _handlers.get(prefix_of(reference))
