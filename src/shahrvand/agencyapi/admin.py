from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import AgencyCredential, Exchange, InquiryNotice


@admin.register(AgencyCredential)
class AgencyCredentialAdmin(admin.ModelAdmin[AgencyCredential]):
    list_display = ["key_id", "agency", "label", "webhook_url", "created_at", "revoked_at"]
    list_filter = ["agency"]
    readonly_fields = ["key_id", "salt", "acting_user", "created_at", "last_used_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # issued with `manage.py agency_credentials issue` (shows the secret once)


@admin.register(Exchange)
class ExchangeAdmin(admin.ModelAdmin[Exchange]):
    list_display = ["at", "direction", "agency", "method", "endpoint", "status", "outcome"]
    list_filter = ["direction", "outcome", "agency"]
    readonly_fields = [f.name for f in Exchange._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Exchange | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Exchange | None = None) -> bool:
        return False


@admin.register(InquiryNotice)
class InquiryNoticeAdmin(admin.ModelAdmin[InquiryNotice]):
    list_display = ["step", "credential", "state", "attempts", "last_status", "next_attempt_at"]
    list_filter = ["state"]
