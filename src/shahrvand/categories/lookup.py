"""A municipality's active categories, as intake and the classifier read them per report.

Kept per process (common.localcopy) with the standard code and the responsible body
loaded: one cache read instead of a three-join query per report. Any save or delete of
a category, a standard code, a department or an agency drops every process's copy
(signals in shahrvand.routing.apps). Callers must not modify the returned objects.
"""

from __future__ import annotations

from shahrvand.common.localcopy import local_copy

from .models import Category


def _load(municipality_id: int) -> dict[str, Category]:
    rows = Category.objects.filter(municipality_id=municipality_id, is_active=True)
    return {c.code: c for c in rows.select_related("standard", "department", "agency")}


def active_categories(municipality_id: int) -> dict[str, Category]:
    """code → active category of the municipality (shared copy: read only)."""
    return local_copy("categories", municipality_id, lambda: _load(municipality_id))
