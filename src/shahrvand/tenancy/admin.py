from __future__ import annotations

from django.contrib import admin

from .models import MunicipalityMap


@admin.register(MunicipalityMap)
class MunicipalityMapAdmin(admin.ModelAdmin[MunicipalityMap]):
    list_display = ["municipality", "kind", "url_template", "api_key_setting"]
    list_filter = ["kind"]
