from __future__ import annotations

from typing import Any

from django.http import HttpRequest


def site(request: HttpRequest) -> dict[str, Any]:
    """Values every template may read. The base map is no longer one of them: each map
    page embeds its municipality's configuration ({% map_config %}, tenancy.maps)."""
    return {}
