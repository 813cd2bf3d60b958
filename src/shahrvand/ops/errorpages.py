"""Client and server errors outside the API's own handlers, answered in the caller's format.

People get a Persian HTML page, `/api/` the API's error body (api.errors), `/open311/` the
Open311 error list in the URL's format. Two ways in, because Django reads a request body
wherever it is first touched:

- `RequestErrorMiddleware.process_exception`: a view read the body (413 for one that is
  too large, 400 for one that cannot be parsed);
- `handler400` / `handler500` (config/urls.py): everything Django itself turns into a 400
  or 500 response, including a body first read by a middleware (the CSRF check of every
  HTML form reads request.POST) and any unexpected exception.

No traceback reaches a client: with DEBUG off Django never shows one, and with DEBUG on
the middleware gives requests from anywhere but the loopback address a reporter that
leaves it out (Django's documented `request.exception_reporter_class` hook).
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.views.debug import ExceptionReporter

from shahrvand.common.bodyerrors import BAD_REQUEST, SERVER_ERROR, ClientError, body_error_of

from .logging import request_id

log = logging.getLogger(__name__)


def error_response(request: HttpRequest, error: ClientError) -> HttpResponse:
    """`error` as the API's JSON body, Open311's error list or a Persian HTML page."""
    path = request.path
    if path.startswith("/api/"):
        body: Any = {
            "code": error.code,
            "message": error.message,
            "message_en": error.message_en,
            "field": "",
            "details": [],
        }
        return HttpResponse(
            json.dumps(body, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
            status=error.status,
        )
    if path.startswith("/open311/"):
        return _open311_errors(path, error)
    return HttpResponse(_html(error), content_type="text/html; charset=utf-8", status=error.status)


def _open311_errors(path: str, error: ClientError) -> HttpResponse:
    """GeoReport v2's error list, in the URL's format. Written here rather than imported
    from open311 (which sits above ops in the layers), like ops.unavailable's 503."""
    description = f"{error.message_en} ({error.message})"
    if path.endswith(".json"):
        body = json.dumps([{"code": error.status, "description": description}], ensure_ascii=False)
        content_type = "application/json; charset=utf-8"
    else:
        body = (
            '<?xml version="1.0" encoding="utf-8"?>\n<errors><error>'
            f"<code>{error.status}</code><description>{escape(description)}</description>"
            "</error></errors>"
        )
        content_type = "text/xml; charset=utf-8"
    return HttpResponse(body.encode("utf-8"), content_type=content_type, status=error.status)


def _html(error: ClientError) -> str:
    context = {"error": error, "request_id": request_id.get()}
    try:
        return loader.get_template("errors/error.html").render(context)
    except Exception:  # a broken template must not turn a 400 into a 500
        log.exception("error page template failed")
        return (
            '<!doctype html><html lang="fa" dir="rtl"><meta charset="utf-8">'
            f"<title>خطا</title><p>{escape(error.message)}</p></html>"
        )


def is_loopback(request: HttpRequest) -> bool:
    try:
        return ipaddress.ip_address(str(request.META.get("REMOTE_ADDR", ""))).is_loopback
    except ValueError:
        return False


class NoTracebackReporter(ExceptionReporter):
    """What DEBUG shows a client that is not on the loopback address: no traceback, no
    settings, no local variables."""

    def get_traceback_html(self) -> SafeString:
        return mark_safe(_html(SERVER_ERROR))  # noqa: S308 # nosec B308 B703: a rendered template

    def get_traceback_text(self) -> SafeString:
        return mark_safe(escape(SERVER_ERROR.message_en))  # noqa: S308 # nosec B308 B703: escaped


class RequestErrorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG and not is_loopback(request):
            request.exception_reporter_class = NoTracebackReporter
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        error = body_error_of(exception)
        if error is None:
            return None
        log.warning("%s on %s: %s", error.status, request.path, exception)
        mark = getattr(request, "_mark_post_parse_error", None)
        if mark is not None:  # reading POST again would raise the same error again
            mark()
        return error_response(request, error)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: Django's 400s (bad bodies read by a middleware, bad Host headers, …)."""
    error = body_error_of(exception) if exception is not None else None
    return error_response(request, error or BAD_REQUEST)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the exception is already logged by Django; the client learns nothing
    of it but the request id, to quote to support."""
    return error_response(request, SERVER_ERROR)
