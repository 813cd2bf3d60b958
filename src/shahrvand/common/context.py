from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    return {
        "TILE_URL": settings.SHAHRVAND_TILE_URL,
        "TILE_ATTRIBUTION": settings.SHAHRVAND_TILE_ATTRIBUTION,
    }
