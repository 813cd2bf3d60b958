"""`{% map_config municipality %}`: the JSON every map page embeds for basemap.js. It also
tells the CSP middleware (ops.headers) the page's tile origin, so a page may load images
from its own municipality's tile server only."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from shahrvand.tenancy.maps import map_config as build
from shahrvand.tenancy.maps import tile_origin
from shahrvand.tenancy.models import Municipality

register = template.Library()


@register.simple_tag(takes_context=True)
def map_config(context: dict[str, Any], municipality: Municipality | None = None) -> SafeString:
    config = build(municipality)
    request = context.get("request")
    origin = tile_origin(config["tiles"]["url"])
    if request is not None and origin:
        request.csp_img_origins = {*getattr(request, "csp_img_origins", ()), origin}
    return json_script(config, "map-config")
