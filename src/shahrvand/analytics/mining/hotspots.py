"""Hotspots: H3 cells where one standard code recurs far beyond what the rest of the city
would lead one to expect (docs/mining.md, "Hotspots")."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import h3
from django.db.models import Count

from shahrvand.categories.models import StandardCategory

from .stats import poisson_tail
from .window import Window

ALPHA = 0.001  # one-sided Poisson tail probability below which a cell is a hotspot
MIN_COUNT = 4  # fewer reports than this are never a hotspot, however quiet the city


@dataclass(frozen=True)
class Hotspot:
    cell: str
    code: str
    name_fa: str
    count: int
    expected: float
    p_value: float
    lat: float
    lon: float


def find_hotspots(
    *, municipality_id: int, window: Window, alpha: float = ALPHA, min_count: int = MIN_COUNT
) -> list[Hotspot]:
    """Cells of the municipality where a code's count k in the window is improbable.

    Expected count for code c in a cell: the code's count in all *other* occupied cells
    divided by their number, mu = (N_c - k) / (C - 1), where C is the number of cells with
    at least one report of any code in the window. The cell is a hotspot when
    k >= min_count and P(X >= k | Poisson(mu)) < alpha. Most surprising first.
    """
    rows = (
        window.reports(municipality_id)
        .exclude(h3_cell="")
        .values("h3_cell", "standard_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    per_cell: dict[tuple[str, str], int] = {}
    per_code: dict[str, int] = defaultdict(int)
    cells: set[str] = set()
    for row in rows:
        per_cell[(row["h3_cell"], row["standard_id"])] = row["n"]
        per_code[row["standard_id"]] += row["n"]
        cells.add(row["h3_cell"])
    others = len(cells) - 1
    if others < 1:
        return []
    names = dict(StandardCategory.objects.values_list("code", "name_fa"))
    found: list[Hotspot] = []
    for (cell, code), k in per_cell.items():
        if k < min_count:
            continue
        mu = (per_code[code] - k) / others
        p = poisson_tail(k, mu)
        if p < alpha:
            lat, lon = h3.cell_to_latlng(cell)
            found.append(Hotspot(cell, code, names.get(code, code), k, mu, p, lat, lon))
    found.sort(key=lambda h: (h.p_value, -h.count))
    return found
