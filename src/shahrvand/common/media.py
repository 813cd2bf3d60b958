"""Serving uploaded files in the embedded default, with headers that keep them inert."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.static import serve

# Storage prefixes (upload_to) of files that only permission-checking views may serve.
PRIVATE_PREFIXES = ("eservices/", "certificates/", "supervisory/")


def serve_media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Serve a file from MEDIA_ROOT. Uploads were re-encoded or type-checked on the way in;
    nosniff and a sandboxing CSP make sure a browser never runs one as a page.

    Case documents, certificates and supervisory reports are private: they are only ever
    handed out by views that check who is asking, never by their storage path."""
    if path.startswith(PRIVATE_PREFIXES):
        raise Http404
    response = serve(request, path, document_root=str(settings.MEDIA_ROOT))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
