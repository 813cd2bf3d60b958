from __future__ import annotations

from django.contrib import admin

from .models import Holiday, WorkWeek


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin[Holiday]):
    list_display = ["jalali", "title", "municipality", "date"]
    list_filter = ["municipality"]
    search_fields = ["title", "jalali"]


@admin.register(WorkWeek)
class WorkWeekAdmin(admin.ModelAdmin[WorkWeek]):
    list_display = ["municipality"]
