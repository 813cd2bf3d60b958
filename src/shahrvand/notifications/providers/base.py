"""What every SMS gateway adapter provides: send one text to one number.

Adapters raise TransientError when trying again later may succeed (timeouts, 5xx, the
gateway busy or out of credit) and PermanentError when it cannot (invalid number or
sender, text refused, account or key rejected); delivery retries only the first kind.
"""

from __future__ import annotations

from typing import Protocol


class ProviderError(Exception):
    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class TransientError(ProviderError):
    """Worth retrying with backoff."""


class PermanentError(ProviderError):
    """Retrying the same message will fail the same way."""


class SmsProvider(Protocol):
    name: str

    def send(self, to: str, text: str, *, reference: str = "") -> str:
        """Send `text` to the mobile number `to` (09XXXXXXXXX); return the provider's message
        id. `reference` is our id for the message, passed on where the gateway supports
        it so that a retry after a lost answer is not sent twice."""
        ...
