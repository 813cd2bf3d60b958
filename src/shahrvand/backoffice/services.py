"""Writes of the staff shell itself: a user's saved work-queue filters."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.common.errors import DomainError
from shahrvand.tenancy.access import require_profile

from .models import SavedFilter

MAX_NAME = 80
MAX_QUERY = 1000


@transaction.atomic
def saved_filter_save(*, user: User, name: str, query: str) -> SavedFilter:
    """Keep `query` (a queue query string) under `name` for `user` (same name: replaced);
    returns it. DomainError (field "name") without a name; PermissionDenied for non-staff."""
    require_profile(user)
    name = name.strip()[:MAX_NAME]
    if not name:
        raise DomainError(
            "برای ذخیره، نامی برای فیلتر بنویسید.",
            message_en="Name the filter to save it.",
            field="name",
        )
    found, _ = SavedFilter.objects.update_or_create(
        user=user, name=name, defaults={"query": query[:MAX_QUERY]}
    )
    return found


@transaction.atomic
def saved_filter_delete(*, user: User, pk: int) -> None:
    """Delete one of `user`'s own saved filters (another user's id: nothing happens)."""
    SavedFilter.objects.filter(user=user, pk=pk).delete()
