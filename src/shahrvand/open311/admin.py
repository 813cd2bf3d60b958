"""Staff register third-party apps here; the key is shown once, right after it is issued."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from .keys import api_client_revoke, api_client_set_key
from .models import ApiClient

if TYPE_CHECKING:
    ModelAdminBase = admin.ModelAdmin[ApiClient]
else:  # ModelAdmin is generic only in django-stubs
    ModelAdminBase = admin.ModelAdmin


@admin.register(ApiClient)
class ApiClientAdmin(ModelAdminBase):
    list_display = ["name", "key_prefix", "municipality", "is_active", "created_at", "revoked_at"]
    list_filter = ["is_active", "municipality"]
    search_fields = ["name", "contact", "key_prefix"]
    readonly_fields = ["key_prefix", "created_at", "revoked_at"]
    fields = ["name", "contact", "municipality", "is_active", *readonly_fields]
    actions = ["revoke"]

    def save_model(
        self, request: HttpRequest, obj: ApiClient, form: ModelForm[ApiClient], change: bool
    ) -> None:
        key = None if change else api_client_set_key(client=obj)
        super().save_model(request, obj, form, change)
        if key is not None:
            messages.warning(
                request,
                f"API key for {obj.name}: {key} — copy it now; it is stored only as a hash "
                "and cannot be shown again. (این کلید فقط همین یک بار نمایش داده می‌شود.)",
            )

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        fields = list(self.readonly_fields)
        if obj is not None and obj.revoked_at is not None:
            fields.append("is_active")  # a revoked key stays revoked; issue a new client
        return fields

    @admin.action(description="ابطال کلیدهای API انتخاب‌شده")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiClient]) -> None:
        count = 0
        for client in queryset:
            api_client_revoke(client=client)
            count += 1
        self.message_user(request, f"Revoked {count} API key(s).", messages.SUCCESS)
