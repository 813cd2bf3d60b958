from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from shahrvand.payments import handlers

from .fake_zarinpal import MERCHANT_ID, FakeZarinpal


@pytest.fixture
def zarinpal(settings: Any) -> Iterator[FakeZarinpal]:
    fake = FakeZarinpal()
    settings.PAYMENT_PROVIDER = "zarinpal"
    settings.ZARINPAL_MERCHANT_ID = MERCHANT_ID
    settings.ZARINPAL_BASE_URL = fake.url
    settings.ZARINPAL_TIMEOUT = 2.0
    settings.SHAHRVAND_PUBLIC_URL = "https://shahr.example.ir"
    yield fake
    fake.close()


class Settled:
    """A test handler for references "test:…": records what it was told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []
        self.fail = False

    def __call__(self, payment: Any) -> None:
        if self.fail:
            raise RuntimeError("the domain is down")
        self.calls.append((payment.reference, payment.amount))


@pytest.fixture
def settled() -> Iterator[Settled]:
    handler = Settled()
    handlers.register("test", handler)
    yield handler
    handlers.unregister("test")
