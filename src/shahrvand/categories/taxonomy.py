"""Load the standard taxonomy (data/taxonomy.json: the province-wide standard list of report
categories, version 1).

Plain Python: the classifier reads it, so it never imports Django."""

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
