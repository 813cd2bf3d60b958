"""The sandbox bank page in a real browser: Persian, axe-clean, no CSP block, fits 360 px;
paying there brings the payer back to a paid result page."""

from __future__ import annotations

from typing import Any

import pytest

from shahrvand.payments.models import Payment
from shahrvand.payments.services import payment_start

from .conftest import fits_width, screenshot, serious_axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pay_on_the_sandbox_bank_page(page: Any, live_server: Any) -> None:
    payment, redirect = payment_start(
        reference="test:1", amount=96_000_000, description="عوارض صدور پروانهٔ ساختمانی"
    )
    page.goto(f"{live_server.url}{redirect}")
    assert page.locator("h1").inner_text() == "درگاه پرداخت آزمایشی"
    assert "۹۶٬۰۰۰٬۰۰۰ ریال" in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
    assert fits_width(page)
    screenshot(page, "payment-sandbox-bank")

    page.get_by_role("button", name="پرداخت").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/payments/{payment.token}/")
    assert "پرداخت‌شده" in page.locator("main").inner_text()
    assert serious_axe_violations(page) == []
    screenshot(page, "payment-result-paid")
    payment.refresh_from_db()
    assert payment.status == "paid"
    assert Payment.objects.count() == 1
