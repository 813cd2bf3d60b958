from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def staff(request: HttpRequest) -> dict[str, Any]:
    """The staff profile (set by @staff_required) for the navigation of every page."""
    profile = getattr(request, "staff", None)
    return {"profile": profile} if profile is not None else {}
