from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Payment, PaymentEvent


class PaymentEventInline(admin.TabularInline[PaymentEvent, Payment]):
    model = PaymentEvent
    extra = 0
    can_delete = False
    readonly_fields = ["at", "from_status", "to_status", "source", "note", "data"]

    def has_add_permission(self, request: HttpRequest, obj: Payment | None = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(admin.ModelAdmin[Payment]):
    """Read-only: payments change only through the services (workflow.py)."""

    list_display = ["reference", "amount", "status", "provider", "ref_id", "created_at", "paid_at"]
    list_filter = ["status", "provider", "municipality"]
    search_fields = ["reference", "authority", "ref_id"]
    readonly_fields = [f.name for f in Payment._meta.fields]
    inlines = [PaymentEventInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Payment | None = None) -> bool:
        return False
