"""Template context: the signed-in citizen (or None) as `citizen` on every page."""

from __future__ import annotations

from django.http import HttpRequest

from .models import CitizenAccount
from .session import current_citizen


def citizen(request: HttpRequest) -> dict[str, CitizenAccount | None]:
    return {"citizen": current_citizen(request)}
