"""How many decimals a column of numbers needs so that different values look different
(pages, charts and the supervisory PDF share it)."""

from __future__ import annotations

import math


def distinct_decimals(
    values: list[float | int | None], *, significant: int = 3, most: int = 4
) -> int:
    """How many decimals a column of numbers needs: at least `significant` significant
    digits for its smallest non-zero value, and more (up to `most`) while two different
    values would still print the same — 0.54 and 0.46 are not both "۰٫۵"."""
    present = [float(v) for v in values if v is not None]
    smallest = min((abs(v) for v in present if v), default=0.0)
    decimals = 0
    if smallest:
        decimals = max(0, significant - 1 - math.floor(math.log10(smallest)))
    decimals = min(decimals, most)
    while decimals < most:
        distinct = {round(v, most) for v in present}
        if len({f"{v:.{decimals}f}" for v in distinct}) == len(distinct):
            break
        decimals += 1
    return decimals
