"""Staff API tokens in the admin: issued here (the raw token is shown once), listed with
their owner and last use, revoked by the "revoke" action. Never deleted: a revoked token
stays listed, for the record."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.http import HttpRequest

from shahrvand.common.errors import DomainError

from .models import ApiToken
from .tokens import api_token_issue, api_token_revoke, check_token_owner

if TYPE_CHECKING:
    ModelAdminBase = admin.ModelAdmin[ApiToken]
    ModelFormBase = forms.ModelForm[ApiToken]
else:  # generic only in django-stubs
    ModelAdminBase = admin.ModelAdmin
    ModelFormBase = forms.ModelForm


class ApiTokenForm(ModelFormBase):
    class Meta:
        model = ApiToken
        fields = ["user", "name"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        user = data.get("user")
        if self.instance.pk is None and isinstance(user, User):
            try:
                check_token_owner(user)
            except DomainError as exc:
                self.add_error("user", exc.message)
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(ModelAdminBase):
    form = ApiTokenForm
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username"]
    list_select_related = ["user"]
    readonly_fields = ["prefix", "created_at", "last_used_at", "revoked_at"]
    fields = ["user", "name", *readonly_fields]
    actions = ["revoke"]

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> list[str]:
        # a token's owner never changes: issue a new one instead
        return list(self.readonly_fields) + (["user"] if obj is not None else [])

    def has_delete_permission(self, request: HttpRequest, obj: ApiToken | None = None) -> bool:
        return False

    def save_model(
        self, request: HttpRequest, obj: ApiToken, form: forms.ModelForm[ApiToken], change: bool
    ) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        issued, raw = api_token_issue(user=obj.user, name=obj.name)
        obj.pk = issued.pk  # the admin goes on with the saved token
        obj.refresh_from_db()
        messages.warning(
            request,
            f"API token for {issued.user.get_username()}: {raw} — copy it now; it is stored "
            "only as a hash and cannot be shown again. (این توکن فقط همین یک بار نمایش داده "
            "می‌شود.)",
        )

    @admin.action(description="ابطال توکن‌های API انتخاب‌شده")
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        count = 0
        for token in queryset:
            api_token_revoke(token=token)
            count += 1
        self.message_user(request, f"Revoked {count} API token(s).", messages.SUCCESS)
