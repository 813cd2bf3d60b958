"""Read-only admin views of e-services. Every write goes through the services (and leaves an
audit row), so the admin may look but not change cases, definitions or the audit trail."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .models import Case, CaseAudit, ProcessDefinition, Service


class ReadOnly(admin.ModelAdmin[Any]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Service)
class ServiceAdmin(ReadOnly):
    list_display = ["name_fa", "key", "municipality", "is_published", "expected_days"]
    list_filter = ["municipality", "is_published"]
    search_fields = ["name_fa", "key"]


@admin.register(ProcessDefinition)
class ProcessDefinitionAdmin(ReadOnly):
    list_display = ["service", "version", "status", "published_at", "checksum"]
    list_filter = ["status", "service__municipality"]


@admin.register(Case)
class CaseAdmin(ReadOnly):
    list_display = ["tracking_code", "service", "municipality", "status", "submitted_at"]
    list_filter = ["status", "municipality", "service__key"]
    search_fields = ["tracking_code"]


@admin.register(CaseAudit)
class CaseAuditAdmin(ReadOnly):
    list_display = ["case", "action", "actor_label", "object_type", "object_id", "at"]
    list_filter = ["action"]
    search_fields = ["case__tracking_code"]
