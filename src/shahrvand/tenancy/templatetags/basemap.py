"""`{% map_config municipality %}`: the JSON every map page embeds for basemap.js."""

from __future__ import annotations

from django import template
from django.utils.html import json_script
from django.utils.safestring import SafeString

from shahrvand.tenancy.maps import map_config as build
from shahrvand.tenancy.models import Municipality

register = template.Library()


@register.simple_tag
def map_config(municipality: Municipality | None = None) -> SafeString:
    return json_script(build(municipality), "map-config")
