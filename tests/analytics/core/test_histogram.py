"""Fixed-bucket histograms: buckets, nearest-rank percentiles and their error bound."""

from __future__ import annotations

import math
import random

from shahrvand.analytics import histogram


def test_bucket_edges() -> None:
    assert [histogram.bucket_of(h) for h in (0, 0.49, 0.5, 23.99, 24, 167.9, 168, 1439, 1440)] == [
        0, 0, 1, 47, 48, 119, 120, 172, 173]  # fmt: skip
    assert [histogram.bucket_midpoint(i) for i in (0, 47, 48, 119, 120, 172, 173)] == [
        0.25, 23.75, 25.0, 167.0, 180.0, 1428.0, 1440.0]  # fmt: skip


def test_percentiles_of_midpoints_are_exact() -> None:
    hist: histogram.Histogram = {}
    for value in (2.25, 10.75, 31, 51, 101):
        histogram.add(hist, value)
    counts = histogram.merged([hist])
    assert histogram.percentile(counts, 50) == 31
    assert histogram.percentile(counts, 90) == 101
    assert histogram.percentile({}, 50) is None


def test_merging_equals_one_histogram_and_error_stays_in_bound() -> None:
    rng = random.Random(7)
    values = [rng.expovariate(1 / 40) for _ in range(2000)]
    parts: list[histogram.Histogram] = [{}, {}, {}]
    whole: histogram.Histogram = {}
    for i, value in enumerate(values):
        histogram.add(parts[i % 3], value)
        histogram.add(whole, value)
    merged = histogram.merged(parts)
    assert histogram.to_json(merged) == histogram.to_json(histogram.merged([whole]))
    ordered = sorted(values)
    for p in (50, 90, 99):
        exact = ordered[math.ceil(p / 100 * len(ordered)) - 1]
        got = histogram.percentile(merged, p)
        assert got is not None
        assert abs(got - exact) <= histogram.half_width(exact)
