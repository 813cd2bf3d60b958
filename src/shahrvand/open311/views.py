"""Open311 GeoReport v2 endpoints: parse, call a selector or service, render.

Every view takes the format from the URL; `endpoint` turns Open311Error and DomainError
into the spec's error list so that no input can produce an HTML error page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from shahrvand.common.bodyerrors import body_error_of
from shahrvand.common.errors import DomainError

from . import ratelimit, selectors
from .errors import Open311Error, bad_request, forbidden, not_found
from .keys import client_for_key
from .models import ApiClient
from .params import Params, request_query
from .render import FORMATS, render, render_errors
from .serializers import created_dict, request_dict, service_definition_dict, service_dict
from .services import request_create

Handler = Callable[..., HttpResponse]
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def endpoint(*methods: str) -> Callable[[Handler], Handler]:
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        def view(request: HttpRequest, fmt: str, **kwargs: Any) -> HttpResponse:
            if fmt not in FORMATS:
                return render_errors(
                    "xml", 404, [f"Unknown format '{fmt[:20]}': use .xml or .json."]
                )
            if request.method not in allowed:
                return render_errors(
                    fmt, 400, [f"Method {request.method} is not allowed here; use {methods[0]}."]
                )
            try:
                return handler(request, fmt, **kwargs)
            except Open311Error as exc:
                response = render_errors(fmt, exc.status, [exc.description])
                for header, value in exc.headers.items():
                    response[header] = value
                return response
            except DomainError as exc:
                error = Open311Error.from_domain(exc)
                return render_errors(fmt, error.status, [error.description])

        # An API authenticated by its key, not by a session cookie: CSRF does not apply.
        return csrf_exempt(view) if "POST" in methods else view

    return decorate


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(reverse("open311:discovery", args=["xml"])).removesuffix(
        "/discovery.xml"
    )


@endpoint("GET")
def discovery(request: HttpRequest, fmt: str) -> HttpResponse:
    changeset = getattr(settings, "SHAHRVAND_OPEN311_CHANGESET", "2025-01-01T00:00:00Z")
    data = {
        "changeset": changeset,
        "contact": getattr(
            settings, "SHAHRVAND_OPEN311_CONTACT", "Shahrvand 137 — your municipality's 137 centre"
        ),
        "key_service": getattr(
            settings,
            "SHAHRVAND_OPEN311_KEY_SERVICE",
            "API keys are issued by the municipality's system administrator.",
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": _base_url(request),
                "changeset": changeset,
                "type": getattr(settings, "SHAHRVAND_OPEN311_ENDPOINT_TYPE", "production"),
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, "discovery", data)


@endpoint("GET")
def services(request: HttpRequest, fmt: str) -> HttpResponse:
    municipality = selectors.municipality_for(Params(request.GET).text("jurisdiction_id"))
    data = [service_dict(c) for c in selectors.services_of(municipality)]
    return render(fmt, "services", data)


@endpoint("GET")
def service_definition(request: HttpRequest, fmt: str, service_code: str) -> HttpResponse:
    municipality = selectors.municipality_for(Params(request.GET).text("jurisdiction_id"))
    category = selectors.service_for(municipality, service_code)
    return render(fmt, "service_definition", service_definition_dict(category))


@endpoint("GET", "POST")
def requests(request: HttpRequest, fmt: str) -> HttpResponse:
    if request.method == "POST":
        return _create_request(request, fmt)
    params = Params(request.GET)
    municipality = selectors.municipality_for(params.text("jurisdiction_id"))
    extensions = params.boolean("extensions")
    reports = selectors.requests_matching(
        municipality, request_query(params), extensions=extensions
    )
    absolute = request.build_absolute_uri
    zone = timezone.get_current_timezone()
    data = [request_dict(r, absolute, extensions=extensions, zone=zone) for r in reports]
    return render(fmt, "service_requests", data)


@endpoint("GET")
def request_detail(request: HttpRequest, fmt: str, service_request_id: str) -> HttpResponse:
    params = Params(request.GET)
    municipality = selectors.municipality_for(params.text("jurisdiction_id"))
    extensions = params.boolean("extensions")
    report = selectors.request_by_id(municipality, service_request_id, extensions=extensions)
    data = [request_dict(report, request.build_absolute_uri, extensions=extensions)]
    return render(fmt, "service_requests", data)


@endpoint("GET")
def token(request: HttpRequest, fmt: str, token: str) -> HttpResponse:
    selectors.municipality_for(Params(request.GET).text("jurisdiction_id"))
    raise not_found(
        f"token '{token[:40]}' not found: every service here is realtime, so POST "
        "requests returns the service_request_id directly."
    )


def unknown(request: HttpRequest, path: str = "") -> HttpResponse:
    fmt = "json" if request.path.endswith(".json") else "xml"
    return render_errors(fmt, 404, [f"No Open311 resource at {request.path[:100]}."])


def _client(params: Params) -> ApiClient:
    key = params.raw("api_key")
    if not key:
        raise forbidden("api_key is required to create a request.", "کلید API الزامی است.")
    client = client_for_key(key)
    if client is None:
        raise forbidden("api_key is invalid or revoked.", "کلید API نامعتبر یا باطل شده است.")
    return client


def _create_request(request: HttpRequest, fmt: str) -> HttpResponse:
    try:
        form, files = request.POST, request.FILES
    except (SuspiciousOperation, MultiPartParserError) as exc:
        too_large = body_error_of(exc)
        if too_large is not None and too_large.status == 413:
            raise Open311Error(413, too_large.message_en, too_large.message) from None
        raise bad_request(f"The request body could not be read: {exc}"[:200]) from None
    params = Params(form, request.GET)
    client = _client(params)
    decision = ratelimit.hit(client)
    if not decision.allowed:
        raise Open311Error(
            429,
            f"rate limit exceeded: at most {decision.rate} requests per api_key.",
            "تعداد درخواست‌ها از حد مجاز گذشته است؛ کمی بعد دوباره تلاش کنید.",
            headers={"Retry-After": str(max(decision.retry_after, 1))},
        )
    municipality = selectors.municipality_for(params.text("jurisdiction_id"))
    if client.municipality_id is not None and client.municipality_id != municipality.pk:
        raise forbidden(
            f"This api_key is not valid for jurisdiction_id '{municipality.slug}'.",
            "این کلید API برای این شهرداری صادر نشده است.",
        )
    report = request_create(
        client=client,
        municipality=municipality,
        form=form,
        params=params,
        uploads=files.getlist("media"),
    )
    return render(fmt, "service_requests", [created_dict(report)])
