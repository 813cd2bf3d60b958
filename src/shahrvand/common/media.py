"""Serving uploaded files in the embedded default, with headers that keep them inert."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.static import serve


def serve_media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Serve a file from MEDIA_ROOT. Uploads were re-encoded or type-checked on the way in;
    nosniff and a sandboxing CSP make sure a browser never runs one as a page."""
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
