"""Content-Security-Policy for every page: scripts and styles only from our own origin
(no inline script anywhere in the templates), images also from the global map tile server
and from the tile server of the municipality whose map the page draws (the page's
{% map_config %} names it on the request, decision 0038: no other municipality's server)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def policy(extra_img_origins: Iterable[str] = ()) -> str:
    tiles = urlsplit(settings.SHAHRVAND_TILE_URL)
    origins = {f"{tiles.scheme}://{tiles.netloc}"} if tiles.netloc else set()
    tile_origin = " ".join(sorted(origins | set(extra_img_origins)))
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
        extra = getattr(request, "csp_img_origins", ())
        response.headers.setdefault("Content-Security-Policy", policy(extra))
        return response
