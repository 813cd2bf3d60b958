"""Serving uploaded files in the embedded default, with headers that keep them inert."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.static import serve

# Storage prefixes (upload_to) of files that only permission-checking views may serve.
PRIVATE_PREFIXES = ("eservices/", "certificates/", "supervisory/")
# Percent-decoding rounds before a path that still changes is refused (%2F, %252F, ...).
MAX_DECODES = 3


def normalise(path: str) -> str | None:
    """The storage path `path` names, relative to MEDIA_ROOT, or None when it is not one we
    serve: still percent-encoded after Django's own decoding (%2F, %252F), a backslash, a
    control character, a segment ending in a dot or space (Windows would drop it), or a
    path that climbs out of MEDIA_ROOT. Slashes are collapsed and dot segments resolved, so
    `//supervisory/x` and `reports/../supervisory/x` both become `supervisory/x`."""
    decoded = path
    for _ in range(MAX_DECODES):
        again = unquote(decoded)
        if again == decoded:
            break
        decoded = again
    else:
        return None
    if decoded != path:
        return None  # a file name never needs encoding inside the decoded path
    if "\\" in decoded or any(ord(ch) < 32 or ord(ch) == 127 for ch in decoded):
        return None
    resolved = posixpath.normpath("/" + decoded).lstrip("/")
    if not resolved or resolved == "." or resolved.startswith("../"):
        return None
    if any(part.endswith((".", " ")) for part in resolved.split("/")):
        return None
    return resolved


def is_private(relative: str) -> bool:
    return relative.lower().startswith(PRIVATE_PREFIXES)


def serve_media(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Serve a file from MEDIA_ROOT. Uploads were re-encoded or type-checked on the way in;
    nosniff and a sandboxing CSP make sure a browser never runs one as a page.

    Case documents, certificates and supervisory reports are private: they are only ever
    handed out by views that check who is asking, never by their storage path. The path is
    normalised first and then authorised, and the file it finally resolves to (symbolic
    links followed) must lie inside MEDIA_ROOT and outside the private folders."""
    relative = normalise(path)
    if relative is None or is_private(relative):
        raise Http404
    root = Path(settings.MEDIA_ROOT).resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root) or is_private(target.relative_to(root).as_posix()):
        raise Http404
    response = serve(request, relative, document_root=str(root))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response
