"""Writes to the category tables.

Kept apart from taxonomy.py, which the classifier reads and which therefore must not
import Django, not even inside a function (decision 0031, contract classifier-without-django).
"""

from __future__ import annotations

from .models import StandardCategory
from .taxonomy import standard_rows


def load_standard_categories() -> int:
    """Create or update the 17 standard categories; returns how many rows exist afterwards."""
    for row in standard_rows():
        StandardCategory.objects.update_or_create(code=row["code"], defaults=row)
    return StandardCategory.objects.count()
