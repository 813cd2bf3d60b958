"""One error body for every JSON API (REST v1, the agency API, analytics): {"code",
"message" (fa), "message_en", "field", "details"}, and the handlers that map errors to it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError

from shahrvand.common.bodyerrors import UNREADABLE, body_error_of
from shahrvand.common.errors import DomainError

BODY_ERRORS = (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
    MultiPartParserError,
    UnreadablePostError,
)


class ErrorOut(Schema):
    code: str
    message: str
    message_en: str
    field: str = ""
    details: list[dict[str, Any]] = []


def error_body(
    code: str, message: str, message_en: str, field: str = "", details: Any = None
) -> dict[str, Any]:
    return {
        "code": code,
        "message": message,
        "message_en": message_en,
        "field": field,
        "details": details or [],
    }


def _field_of(loc: Any) -> str:
    wrappers = ("body", "query", "path", "form", "file", "payload", "filters")
    parts = [str(p) for p in loc if p not in wrappers]
    return ".".join(parts)


def install_handlers(api: NinjaAPI) -> None:
    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return api.create_response(request, exc.as_dict() | {"details": []}, status=exc.http_status)

    @api.exception_handler(ValidationError)
    def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        details = [
            {
                "field": _field_of(e.get("loc", ())),
                "message": str(e.get("msg", "")),
                "type": e.get("type", ""),
            }
            for e in exc.errors
        ]
        first = details[0]["field"] if details else ""
        body = error_body(
            "invalid_input",
            f"داده ارسالی نامعتبر است{f' (فیلد {first})' if first else ''}.",
            f"Invalid input{f' in {first}' if first else ''}.",
            first,
            details,
        )
        return api.create_response(request, body, status=400)

    @api.exception_handler(DataError)
    def data_error(request: HttpRequest, exc: DataError) -> HttpResponse:
        # The database refused a value no validator caught (e.g. a NUL character in a
        # filter, which PostgreSQL text cannot hold): bad input, not a server error.
        body = error_body(
            "invalid_input",
            "داده ارسالی نامعتبر است.",
            "Invalid input: the value cannot be stored.",
        )
        return api.create_response(request, body, status=400)

    @api.exception_handler(AuthenticationError)
    def auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        body = error_body(
            "unauthorized", "ابتدا وارد شوید یا توکن معتبر بفرستید.", "Authentication required."
        )
        return api.create_response(request, body, status=401)

    @api.exception_handler(Throttled)
    def throttled(request: HttpRequest, exc: Throttled) -> HttpResponse:
        body = error_body(
            "rate_limited", "درخواست‌ها بیش از حد مجاز است؛ کمی بعد تلاش کنید.", "Too many requests."
        )
        response = api.create_response(request, body, status=429)
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        body = error_body("not_found", "پیدا نشد.", "Not found.")
        return api.create_response(request, body, status=404)

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:
            body = error_body("invalid_input", "درخواست قابل خواندن نیست.", str(exc))
        else:
            body = error_body("http_error", str(exc), str(exc))
        return api.create_response(request, body, status=exc.status_code)

    def body_error(request: HttpRequest, exc: Exception | type[Exception]) -> HttpResponse:
        # Raised when ninja first reads request.body / request.POST: 413 for a body over
        # DATA_UPLOAD_MAX_MEMORY_SIZE, 400 for one that cannot be parsed.
        error = (body_error_of(exc) if isinstance(exc, Exception) else None) or UNREADABLE
        mark = getattr(request, "_mark_post_parse_error", None)
        if mark is not None:  # reading POST again would raise the same error again
            mark()
        body = error_body(error.code, error.message, error.message_en)
        return api.create_response(request, body, status=error.status)

    for exc_class in BODY_ERRORS:
        api.add_exception_handler(exc_class, body_error)

    @api.exception_handler(Exception)
    def unexpected(request: HttpRequest, exc: Exception) -> HttpResponse:
        # ninja's own handler answers the traceback as text when DEBUG is on, to anyone.
        # Hand it to Django instead: the 503 middleware (ops.unavailable) sees outages, and
        # handler500 (ops.errorpages) answers the error body with no traceback; DEBUG's
        # technical page reaches loopback clients only.
        raise exc
