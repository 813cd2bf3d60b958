"""What every payment provider does: start a payment and verify it after the callback."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from shahrvand.common.errors import DomainError

if TYPE_CHECKING:
    from shahrvand.payments.models import Payment


class ProviderError(DomainError):
    """The provider could not be reached or refused the request. `transient` errors are
    retried by reconciliation; the others end the payment as failed."""

    code = "payment_provider_error"
    http_status = 502

    def __init__(
        self, message: str, *, message_en: str, provider_code: str = "", transient: bool = True
    ) -> None:
        super().__init__(message, message_en=message_en)
        self.provider_code = provider_code
        self.transient = transient


@dataclass(frozen=True)
class StartResult:
    authority: str
    redirect_url: str


@dataclass(frozen=True)
class VerifyResult:
    """`paid`: verified now; `already`: verified before (idempotent); `unpaid`: the payer did
    not pay (or the session is dead); `mismatch`: the amount differs from the provider's."""

    outcome: Literal["paid", "already", "unpaid", "mismatch"]
    ref_id: str = ""
    card_mask: str = ""
    provider_code: str = ""
    message: str = ""
    raw: dict[str, object] = field(default_factory=dict)


class PaymentProvider(abc.ABC):
    name: str

    @abc.abstractmethod
    def start(self, payment: Payment, *, callback_url: str) -> StartResult:
        """Register the payment with the provider; return its token and the bank page URL."""

    @abc.abstractmethod
    def verify(self, payment: Payment) -> VerifyResult:
        """Ask the provider whether `payment` was paid (and confirm it). Raises ProviderError."""
