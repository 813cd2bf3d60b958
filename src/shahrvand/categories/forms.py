"""Category choices for forms: a municipality's active categories, grouped by standard code."""

from __future__ import annotations

from shahrvand.categories.models import Category
from shahrvand.tenancy.models import Municipality


def category_choices(municipality: Municipality) -> list[tuple[str, list[tuple[str, str]]]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for cat in (
        Category.objects.filter(municipality=municipality, is_active=True)
        .select_related("standard")
        .order_by("standard__name_fa", "name_fa")
    ):
        groups.setdefault(cat.standard.name_fa, []).append((cat.code, cat.name_fa))
    return list(groups.items())
