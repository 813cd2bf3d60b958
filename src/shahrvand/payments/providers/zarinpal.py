"""Zarinpal payment gateway, REST API v4, written from its public documentation
(zarinpal.com/docs/paymentGateway: connectToGateway, errorList).

1. POST {base}/pg/v4/payment/request.json  {merchant_id, amount, currency, description,
   callback_url, metadata{mobile, order_id}} → data.code 100 and data.authority
2. the payer is sent to {base}/pg/StartPay/{authority}
3. Zarinpal sends the payer back to callback_url?Authority=…&Status=OK|NOK
4. POST {base}/pg/v4/payment/verify.json {merchant_id, amount, authority}
   → data.code 100 (verified now) or 101 (verified before), ref_id, card_pan
Errors come back as {"data": [], "errors": {"code": -NN, "message": …}}.
Amounts are sent in Rials (currency "IRR").
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import TYPE_CHECKING, Any

from django.conf import settings

from .base import PaymentProvider, ProviderError, StartResult, VerifyResult

if TYPE_CHECKING:
    from shahrvand.payments.models import Payment

# code → (Persian, English), from Zarinpal's published error list.
ERRORS: dict[int, tuple[str, str]] = {
    -9: ("خطای اعتبارسنجی داده‌های ارسالی به درگاه", "Validation error"),
    -10: ("آی‌پی یا کد پذیرنده (مرچنت) صحیح نیست", "Terminal is not valid (merchant_id or IP)"),
    -11: ("کد پذیرنده فعال نیست", "Terminal is not active"),
    -12: ("تلاش بیش از حد مجاز در زمان کوتاه", "Too many attempts, try again later"),
    -15: ("درگاه پرداخت تعلیق شده است", "Terminal user is suspended"),
    -16: ("سطح تأیید پذیرنده پایین‌تر از نقره‌ای است", "Terminal user level is not valid"),
    -50: ("مبلغ پرداخت‌شده با مبلغ تأیید یکسان نیست", "Session is not valid, amounts differ"),
    -51: ("پرداخت ناموفق بوده است", "Session is not active, paid try"),
    -52: ("خطای غیرمنتظره در درگاه؛ با پشتیبانی زرین‌پال تماس بگیرید", "Unexpected gateway error"),
    -53: ("این پرداخت متعلق به این کد پذیرنده نیست", "Session is not this merchant_id session"),
    -54: ("شناسهٔ پرداخت (Authority) نامعتبر است", "Invalid authority"),
}
OK = 100
ALREADY_VERIFIED = 101
AMOUNT_MISMATCH = -50
NOT_PAID = -51
INVALID_AUTHORITY = -54


class ZarinpalProvider(PaymentProvider):
    name = "zarinpal"

    def __init__(self) -> None:
        self.base_url = settings.ZARINPAL_BASE_URL.rstrip("/")
        self.merchant_id = settings.ZARINPAL_MERCHANT_ID
        self.timeout = settings.ZARINPAL_TIMEOUT

    def start(self, payment: Payment, *, callback_url: str) -> StartResult:
        if not self.merchant_id:
            raise ProviderError(
                "کد پذیرندهٔ زرین‌پال تنظیم نشده است.",
                message_en="ZARINPAL_MERCHANT_ID is not set.",
                transient=False,
            )
        metadata: dict[str, str] = {"order_id": str(payment.token)}
        if payment.payer_mobile:
            metadata["mobile"] = payment.payer_mobile
        document = self._post(
            "/pg/v4/payment/request.json",
            {
                "merchant_id": self.merchant_id,
                "amount": payment.amount,
                "currency": "IRR",
                "description": payment.description,
                "callback_url": callback_url,
                "metadata": metadata,
            },
        )
        data = document.get("data")
        if isinstance(data, dict) and data.get("code") == OK and data.get("authority"):
            authority = str(data["authority"])
            return StartResult(
                authority=authority, redirect_url=f"{self.base_url}/pg/StartPay/{authority}"
            )
        raise self._error(document, transient=False)

    def verify(self, payment: Payment) -> VerifyResult:
        document = self._post(
            "/pg/v4/payment/verify.json",
            {
                "merchant_id": self.merchant_id,
                "amount": payment.amount,
                "authority": payment.authority,
            },
        )
        data = document.get("data")
        if isinstance(data, dict) and data.get("code") in (OK, ALREADY_VERIFIED):
            return VerifyResult(
                outcome="paid" if data["code"] == OK else "already",
                ref_id=str(data.get("ref_id", "")),
                card_mask=str(data.get("card_pan", ""))[:32],
                provider_code=str(data["code"]),
                message=str(data.get("message", "")),
                raw=data,
            )
        code = _error_code(document)
        if code == AMOUNT_MISMATCH:
            return VerifyResult(outcome="mismatch", provider_code=str(code), raw=document)
        if code in (NOT_PAID, INVALID_AUTHORITY):
            return VerifyResult(outcome="unpaid", provider_code=str(code), raw=document)
        raise self._error(document, transient=True)

    def _post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        request = urllib.request.Request(  # noqa: S310 - the base URL comes from settings
            self.base_url + path,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "Accept": "application/json",
                "User-Agent": "Shahrvand-Payments/1",
            },
        )
        try:
            # base_url is ZARINPAL_BASE_URL from settings (https), never user input.
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 # nosec B310
                raw = response.read()
        except urllib.error.HTTPError as exc:
            raw = exc.read()  # Zarinpal answers errors with 4xx and a JSON body
            if exc.code >= 500 or not raw:
                raise _unreachable(f"HTTP {exc.code}") from exc
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            raise _unreachable(str(getattr(exc, "reason", exc))) from exc
        try:
            document = json.loads(raw)
        except ValueError as exc:
            raise _unreachable("invalid JSON") from exc
        if not isinstance(document, dict):
            raise _unreachable("unexpected JSON")
        return document

    @staticmethod
    def _error(document: dict[str, Any], *, transient: bool) -> ProviderError:
        code = _error_code(document)
        fa, en = ERRORS.get(code, ("پاسخ نامعلوم از درگاه", "Unknown gateway answer"))
        return ProviderError(
            f"زرین‌پال: {fa} (کد {code}).",
            message_en=f"Zarinpal: {en} (code {code}).",
            provider_code=str(code),
            transient=transient,
        )


def _error_code(document: dict[str, Any]) -> int:
    for part in ("errors", "data"):
        value = document.get(part)
        if isinstance(value, dict) and "code" in value:
            try:
                return int(value["code"])
            except (TypeError, ValueError):
                return 0
    return 0


def _unreachable(detail: str) -> ProviderError:
    return ProviderError(
        "درگاه زرین‌پال در دسترس نیست؛ کمی بعد دوباره تلاش کنید.",
        message_en=f"Zarinpal is unreachable ({detail}).",
        provider_code="unreachable",
    )
