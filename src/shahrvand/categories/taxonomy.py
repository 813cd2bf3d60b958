"""Load the standard taxonomy (data/taxonomy.json, transcribed from shared/spec/taxonomy.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

TAXONOMY_FILE = Path(__file__).with_name("data") / "taxonomy.json"


def standard_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(TAXONOMY_FILE.read_text(encoding="utf-8"))["categories"]
    return rows


def standard_codes() -> list[str]:
    return [row["code"] for row in standard_rows()]


def load_standard_categories() -> int:
    """Create or update the 17 standard categories; returns how many rows exist afterwards."""
    from .models import StandardCategory

    for row in standard_rows():
        StandardCategory.objects.update_or_create(code=row["code"], defaults=row)
    return StandardCategory.objects.count()
