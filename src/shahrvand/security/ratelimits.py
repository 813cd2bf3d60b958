"""Rate limits on every public endpoint that the API's own throttles do not cover.

One middleware, keyed by the resolved route: citizen pages and forms, the track pages,
Open311 reads, the staff and admin login forms and the second-factor form are limited per
client address (fixed windows in the shared cache; shahrvand.common.ratelimit). The public JSON API
(api/v1/public) has its own throttle and Open311 POSTs a per-key limit. The SMS gateway's
inbound webhook is authenticated by its token and not limited here.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from shahrvand.common.clientip import client_ip
from shahrvand.common.ratelimit import allow

from . import loginthrottle

# (namespace or None, url names or "*", methods) → the setting that holds the rate.
RULES: tuple[tuple[str, frozenset[str] | str, frozenset[str], str], ...] = (
    # The public certificate check: one lookup per code, so a limit of its own.
    (
        "eservices_citizen",
        frozenset({"verify"}),
        frozenset({"GET", "HEAD"}),
        "SHAHRVAND_VERIFY_RATE",
    ),
    (
        "citizen",
        frozenset({"report_new", "feedback", "follow"}),
        frozenset({"POST"}),
        "SHAHRVAND_CITIZEN_POST_RATE",
    ),
    ("citizen", "*", frozenset({"GET", "HEAD", "POST"}), "SHAHRVAND_CITIZEN_READ_RATE"),
    ("backoffice", frozenset({"login"}), frozenset({"POST"}), "SHAHRVAND_LOGIN_RATE"),
    ("admin", frozenset({"login"}), frozenset({"POST"}), "SHAHRVAND_LOGIN_RATE"),
    ("security", "*", frozenset({"POST"}), "SHAHRVAND_LOGIN_RATE"),
    ("open311", "*", frozenset({"GET", "HEAD"}), "SHAHRVAND_OPEN311_READ_RATE"),
)


def _rule_for(request: HttpRequest) -> tuple[str, str] | None:
    match = request.resolver_match
    if match is None:
        return None
    for namespace, names, methods, setting in RULES:
        if match.namespace != namespace or request.method not in methods:
            continue
        if names == "*" or match.url_name in names:
            scope = f"{namespace}:{'write' if names != '*' else 'all'}:{setting}"
            return scope, getattr(settings, setting)
    return None


class PublicRateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Callable[..., Any], args: Any, kwargs: Any
    ) -> HttpResponse | None:
        rule = _rule_for(request)
        if rule is None:
            return None
        scope, rate = rule
        allowed, retry_after = allow(scope, client_ip(request), rate)
        if allowed:
            # password guessing: progressive delays per account and address (decision 0033)
            return loginthrottle.refusal(request)
        response = _refusal(request)
        response["Retry-After"] = str(max(retry_after, 1))
        return response


def _refusal(request: HttpRequest) -> HttpResponse:
    message = "درخواست‌ها بیش از حد مجاز است؛ کمی بعد دوباره تلاش کنید."
    match = request.resolver_match
    if match is not None and match.namespace == "open311":
        return JsonResponse([{"code": 429, "description": message}], status=429, safe=False)
    return render(request, "security/too_many.html", {"message": message}, status=429)
