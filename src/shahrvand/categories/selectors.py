"""Categories a staff member may see (their municipality's; every one for the province)."""

from __future__ import annotations

from django.db.models import QuerySet

from shahrvand.tenancy.access import scope_to_actor
from shahrvand.tenancy.models import Municipality, StaffProfile

from .models import Category


def categories_visible_to(
    profile: StaffProfile | None, *, within: Municipality | None = None, active_only: bool = False
) -> QuerySet[Category]:
    """`profile`'s categories, narrowed to the municipality `within` (none if outside its
    scope) and to the active ones if asked."""
    rows = scope_to_actor(Category.objects.all(), profile, within=within)
    return rows.filter(is_active=True) if active_only else rows
