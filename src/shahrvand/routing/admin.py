from __future__ import annotations

from django.contrib import admin

from .models import RoutingRule


@admin.register(RoutingRule)
class RoutingRuleAdmin(admin.ModelAdmin[RoutingRule]):
    list_display = [
        "name",
        "municipality",
        "order",
        "is_active",
        "category",
        "district",
        "priority",
    ]
    list_filter = ["municipality", "is_active"]
    list_editable = ["order", "is_active"]
    ordering = ["municipality", "order"]
