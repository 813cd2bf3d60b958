"""Mergeable fixed-bucket histograms of durations in hours, for exact-to-a-bound percentiles.

Percentiles of merged groups cannot be computed from averages or from per-group
percentiles; bucket counts, however, add up exactly. Buckets (hours):

    [0, 24)      width 0.5  → indices   0..47
    [24, 168)    width 2    → indices  48..119
    [168, 1440)  width 24   → indices 120..172
    [1440, ∞)    one overflow bucket, index 173 (reported as 1440)

A percentile is the nearest-rank value (the ⌈p·n⌉-th smallest duration) rounded to the
midpoint of its bucket, so the error is at most half a bucket: ±0.25 h under a day,
±1 h under a week, ±12 h under 60 days. Histograms are stored as {"index": count}.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

_BANDS: tuple[tuple[float, float, float, int], ...] = (
    # (start, end, width, first index)
    (0.0, 24.0, 0.5, 0),
    (24.0, 168.0, 2.0, 48),
    (168.0, 1440.0, 24.0, 120),
)
OVERFLOW = 173
OVERFLOW_HOURS = 1440.0

Histogram = dict[str, int]


def bucket_of(hours: float) -> int:
    hours = max(hours, 0.0)
    for start, end, width, first in _BANDS:
        if hours < end:
            return first + int((hours - start) // width)
    return OVERFLOW


def bucket_midpoint(index: int) -> float:
    for start, end, width, first in _BANDS:
        last = first + int((end - start) / width) - 1
        if index <= last:
            return start + (index - first) * width + width / 2
    return OVERFLOW_HOURS


def half_width(hours: float) -> float:
    """The error bound of a percentile reported near `hours`."""
    for _start, end, width, _first in _BANDS:
        if hours < end:
            return width / 2
    return math.inf


def add(hist: Histogram, hours: float) -> None:
    key = str(bucket_of(hours))
    hist[key] = hist.get(key, 0) + 1


def merge_into(target: dict[int, int], hist: Mapping[str, int]) -> None:
    for key, count in hist.items():
        index = int(key)
        target[index] = target.get(index, 0) + count


def merged(hists: Iterable[Mapping[str, int]]) -> dict[int, int]:
    total: dict[int, int] = {}
    for hist in hists:
        merge_into(total, hist)
    return total


def to_json(counts: Mapping[int, int]) -> Histogram:
    return {str(k): v for k, v in sorted(counts.items()) if v}


def percentile(counts: Mapping[int, int], p: float) -> float | None:
    """Nearest-rank `p`-th percentile (0 < p ≤ 100) as a bucket midpoint; None if empty."""
    n = sum(counts.values())
    if n == 0:
        return None
    rank = max(1, math.ceil(p / 100 * n))
    seen = 0
    for index in sorted(counts):
        seen += counts[index]
        if seen >= rank:
            return bucket_midpoint(index)
    return None  # unreachable: seen reaches n
