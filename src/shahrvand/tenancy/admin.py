from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Municipality, MunicipalityMap


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin[Municipality]):
    """Mostly for `public_url` (a municipality with its own domain) and `province` (which
    province-wide closures apply to it); the slug is the Open311 jurisdiction, fixed."""

    list_display = ["name_fa", "slug", "province", "public_url", "is_active"]
    list_filter = ["province", "is_active"]
    search_fields = ["name_fa", "name_en", "slug"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["slug"] if obj is not None else []


@admin.register(MunicipalityMap)
class MunicipalityMapAdmin(admin.ModelAdmin[MunicipalityMap]):
    list_display = ["municipality", "kind", "url_template", "api_key_setting"]
    list_filter = ["kind"]
