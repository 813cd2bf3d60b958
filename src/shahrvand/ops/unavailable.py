"""503 with Retry-After, not 500, while the database or the broker is briefly unreachable.

A restarting PostgreSQL makes queries fail with OperationalError/InterfaceError; the
request's transaction is rolled back (nothing half-written), so the honest answer is
"try again shortly". Clients that send an Idempotency-Key can repeat a POST safely: a
report that was committed before the connection broke is answered from the first
response, never created twice.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse

log = logging.getLogger(__name__)
RETRY_AFTER = "5"
MESSAGE_FA = "سامانه لحظه‌ای در دسترس نیست؛ چند ثانیه دیگر دوباره تلاش کنید."
MESSAGE_EN = "The service is briefly unavailable; retry in a few seconds."


def _outage_types() -> tuple[type[BaseException], ...]:
    types: list[type[BaseException]] = [OperationalError, InterfaceError]
    try:
        from kombu.exceptions import OperationalError as BrokerError
        from redis.exceptions import ConnectionError as RedisConnectionError

        types += [BrokerError, RedisConnectionError]
    except ImportError:  # pragma: no cover - both ship with the runtime dependencies
        pass
    return tuple(types)


OUTAGES = _outage_types()


def unavailable_response(request: HttpRequest) -> HttpResponse:
    path = request.path
    if path.startswith("/api/") or path.endswith(".json"):
        body = {
            "code": "unavailable",
            "message": MESSAGE_FA,
            "message_en": MESSAGE_EN,
            "field": "",
            "details": [],
        }
        if path.startswith("/open311/"):
            body = [{"code": 503, "description": MESSAGE_EN}]  # type: ignore[assignment]
        response = HttpResponse(
            json.dumps(body, ensure_ascii=False), content_type="application/json", status=503
        )
    else:
        html = (
            '<!doctype html><html lang="fa" dir="rtl"><meta charset="utf-8">'
            f"<title>در دسترس نیست</title><p>{MESSAGE_FA}</p></html>"
        )
        response = HttpResponse(html, content_type="text/html; charset=utf-8", status=503)
    response["Retry-After"] = RETRY_AFTER
    return response


class BackendUnavailableMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, OUTAGES):
            log.warning("backend unavailable on %s: %s", request.path, exception)
            return unavailable_response(request)
        return None
