"""Access to the demo data files in data/ (JSON, committed, reproducible)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).with_name("data")


@cache
def read(name: str) -> Any:
    """The parsed content of data/<name> (cached: the files never change while running)."""
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def municipality_rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = read("municipalities.json")["municipalities"]
    return rows


def demo_slugs() -> list[str]:
    return [str(row["slug"]) for row in municipality_rows()]


def for_municipality(row: dict[str, Any], slug: str) -> bool:
    """Whether a data row with an optional "only" list applies to municipality `slug`."""
    only = row.get("only")
    return only is None or slug in only
