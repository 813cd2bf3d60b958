"""Local categories in the admin: chiefly how precisely their reports are published
(decision 0037); saving one drops every process's copy (routing.apps signals)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from .models import Category

if TYPE_CHECKING:
    ModelAdminBase = admin.ModelAdmin[Category]
else:  # ModelAdmin is generic only in django-stubs
    ModelAdminBase = admin.ModelAdmin


@admin.register(Category)
class CategoryAdmin(ModelAdminBase):
    list_display = [
        "code",
        "name_fa",
        "municipality",
        "standard",
        "location_precision",
        "is_active",
    ]
    list_editable = ["location_precision"]
    list_filter = ["municipality", "standard", "location_precision", "is_active"]
    search_fields = ["code", "name_fa", "name_en"]
    list_select_related = ["municipality", "standard"]
