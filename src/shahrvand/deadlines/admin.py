from __future__ import annotations

from django.contrib import admin

from .models import Holiday, WorkWeek


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    """Province-wide closures are entered here (province set, no municipality)."""

    list_display = ["jalali", "title", "municipality", "province", "date", "source"]
    list_filter = ["province", "municipality"]
    search_fields = ["title", "jalali"]


@admin.register(WorkWeek)
class WorkWeekAdmin(admin.ModelAdmin[WorkWeek]):
    list_display = ["municipality"]
