from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .delivery import replay
from .models import Attempt, Delivery, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin[Subscription]):
    list_display = ["name", "url", "municipality", "is_active", "created_at"]
    list_filter = ["is_active", "municipality"]


class AttemptInline(admin.TabularInline[Attempt, Delivery]):
    model = Attempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "status_code", "error", "duration_ms"]

    def has_add_permission(self, request: HttpRequest, obj: Delivery | None = None) -> bool:
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin[Delivery]):
    list_display = [
        "event",
        "subscription",
        "state",
        "attempts",
        "last_status_code",
        "next_attempt_at",
    ]
    list_filter = ["state", "subscription"]
    readonly_fields = [f.name for f in Delivery._meta.fields]
    inlines = [AttemptInline]
    actions = ["replay_selected"]

    @admin.action(description="ارسال دوباره (replay)")
    def replay_selected(self, request: HttpRequest, queryset: QuerySet[Delivery]) -> None:
        for item in queryset:
            replay(item)
        self.message_user(
            request, f"{queryset.count()} ارسال دوباره در صف قرار گرفت.", messages.SUCCESS
        )
