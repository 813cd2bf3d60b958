from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from shahrvand.common.persian import normalize_phone
from shahrvand.security.pii import blind_index

from .delivery import resend
from .models import InboundSms, Message, MessageAttempt, MessageTemplate, Notification
from .templates import FIELDS

_PLACEHOLDERS = "جای‌نگهدارهای مجاز: " + "، ".join(
    f"{{{name}}} ({meaning})" for name, meaning in FIELDS.items()
)


class MessageTemplateForm(forms.ModelForm[MessageTemplate]):
    class Meta:
        model = MessageTemplate
        fields = ["key", "language", "channel", "subject", "body"]
        help_texts = {"body": _PLACEHOLDERS}


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin[MessageTemplate]):
    form = MessageTemplateForm
    list_display = ["key", "channel", "language", "updated_at"]
    list_filter = ["channel", "language"]
    search_fields = ["key", "body"]

    def get_readonly_fields(
        self, request: HttpRequest, obj: MessageTemplate | None = None
    ) -> list[str]:
        # The wording is editable; which message it is stays as seeded.
        return ["key", "language", "channel"] if obj else []


class AttemptInline(admin.TabularInline[MessageAttempt, Message]):
    model = MessageAttempt
    extra = 0
    can_delete = False
    readonly_fields = ["number", "at", "ok", "permanent", "error", "duration_ms"]

    def has_add_permission(self, request: HttpRequest, obj: Message | None = None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(admin.ModelAdmin[Message]):
    list_display = [
        "created_at",
        "template_key",
        "channel",
        "recipient",
        "state",
        "attempts",
        "provider",
        "provider_message_id",
    ]
    list_filter = ["state", "channel", "template_key", "municipality"]
    # The recipient is encrypted: a search term is also matched as a whole number or
    # address through its blind index (get_search_results).
    search_fields = ["report__tracking_code", "provider_message_id"]
    readonly_fields = [f.name for f in Message._meta.fields]
    inlines = [AttemptInline]
    actions = ["resend_selected"]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Message], search_term: str
    ) -> tuple[QuerySet[Message], bool]:
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            address = normalize_phone(term) or term
            found = found | queryset.filter(recipient_index=blind_index(address))
        return found, may_have_duplicates

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="ارسال دوباره")
    def resend_selected(self, request: HttpRequest, queryset: QuerySet[Message]) -> None:
        for item in queryset:
            resend(item)
        self.message_user(
            request, f"{queryset.count()} پیام دوباره در صف قرار گرفت.", messages.SUCCESS
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ["created_at", "user", "title", "report", "read_at"]
    list_filter = ["municipality"]
    search_fields = ["title", "body", "user__username"]
    readonly_fields = ["user", "municipality", "report", "message", "title", "body", "created_at"]
    actions = ["mark_read"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Notification]:
        # Staff read their own notifications here; superusers see everyone's.
        queryset = super().get_queryset(request)
        return (
            queryset
            if request.user.is_superuser
            else queryset.filter(user_id=int(request.user.pk or 0))
        )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    @admin.action(description="علامت‌گذاری به عنوان خوانده‌شده")
    def mark_read(self, request: HttpRequest, queryset: QuerySet[Notification]) -> None:
        queryset.filter(read_at__isnull=True).update(read_at=timezone.now())

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        if object_id.isdigit():
            self.get_queryset(request).filter(pk=object_id, read_at__isnull=True).update(
                read_at=timezone.now()
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(InboundSms)
class InboundSmsAdmin(admin.ModelAdmin[InboundSms]):
    list_display = ["received_at", "sender", "text", "outcome", "report"]
    list_filter = ["outcome", "provider"]
    search_fields = ["sender", "provider_message_id", "report__tracking_code"]
    readonly_fields = [f.name for f in InboundSms._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
