"""Content-Security-Policy for every page: scripts and styles only from our own origin
(no inline script anywhere in the templates), images also from the map tile servers: the
global one and each municipality's own (tenancy.maps)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from shahrvand.tenancy.maps import tile_origins


def policy() -> str:
    tile_origin = " ".join(tile_origins())
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            f"img-src 'self' data: blob: {tile_origin}".strip(),
            "connect-src 'self'",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Views that set their own (uploaded media: a stricter sandbox) keep it.
        response.headers.setdefault("Content-Security-Policy", policy())
        return response
