"""Payment providers: the sandbox (embedded default) and Zarinpal (docs/payments.md)."""

from __future__ import annotations

from django.conf import settings

from shahrvand.common.errors import DomainError

from .base import PaymentProvider, ProviderError, StartResult, VerifyResult

__all__ = ["PaymentProvider", "ProviderError", "StartResult", "VerifyResult", "get_provider"]


def get_provider(name: str | None = None) -> PaymentProvider:
    """The provider called `name`, or the configured one (settings.PAYMENT_PROVIDER)."""
    from .sandbox import SandboxProvider
    from .zarinpal import ZarinpalProvider

    wanted = name or settings.PAYMENT_PROVIDER
    providers: dict[str, type[PaymentProvider]] = {
        "sandbox": SandboxProvider,
        "zarinpal": ZarinpalProvider,
    }
    if wanted not in providers:
        raise DomainError(
            f"درگاه پرداخت «{wanted}» شناخته نیست.",
            message_en=f"Unknown payment provider {wanted!r}.",
            code="payment_unknown_provider",
        )
    return providers[wanted]()
