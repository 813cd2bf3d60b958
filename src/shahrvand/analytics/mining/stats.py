"""Small, exact statistics the detectors share (no scipy needed for a Poisson tail)."""

from __future__ import annotations

import math
from statistics import fmean, pstdev


def poisson_tail(k: int, mu: float) -> float:
    """P(X >= k) for X ~ Poisson(mu): how surprising k events are when mu are expected.

    Summed as 1 - P(X <= k-1) term by term; for the small k and mu seen per cell or per day
    this is exact to double precision.
    """
    if k <= 0:
        return 1.0
    if mu <= 0:
        return 0.0
    if mu > 500:  # exp(-mu) would underflow; the normal approximation is exact enough here
        return 0.5 * math.erfc((k - 0.5 - mu) / math.sqrt(2 * mu))
    term = math.exp(-mu)
    below = term
    for i in range(1, k):
        term *= mu / i
        below += term
    return max(0.0, 1.0 - below)


def mean_sd(values: list[int]) -> tuple[float, float]:
    """The mean and population standard deviation of a baseline (0, 0 when empty)."""
    if not values:
        return 0.0, 0.0
    return fmean(values), pstdev(values)
