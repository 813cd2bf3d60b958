"""A cell where a code recurs beyond what the rest of the city predicts is a hotspot."""

from __future__ import annotations

import datetime as dt

import h3
import pytest

from shahrvand.analytics.mining.hotspots import find_hotspots
from shahrvand.analytics.mining.stats import poisson_tail
from shahrvand.analytics.mining.window import Window
from shahrvand.tenancy.geo import cell_for
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import local, report_at

DAY = dt.date(2026, 11, 10)
HOT = (35.72, 51.42)
# Twelve quiet points 0.006° (~650 m) apart: twelve different resolution-9 cells.
QUIET = [(35.66 + 0.006 * i, 51.36) for i in range(12)]


def _city_with_hot_cell(hot_reports: int):
    muni = tenancy_factories.municipality()
    road = categories_factories.category(muni, "pothole", "road")
    for point in QUIET:
        report_at(muni, road, local(DAY), where=point)
    for _ in range(hot_reports):
        report_at(muni, road, local(DAY, 11), where=HOT)
    return muni


def test_poisson_tail_matches_hand_computation():
    # P(X >= 6 | mu = 1) = 1 - e^-1 (1 + 1 + 1/2 + 1/6 + 1/24 + 1/120) = 0.000594
    assert poisson_tail(6, 1.0) == pytest.approx(0.000594, abs=1e-6)
    assert poisson_tail(5, 1.0) == pytest.approx(0.003660, abs=1e-6)
    assert poisson_tail(0, 3.0) == 1.0


@pytest.mark.django_db
def test_six_reports_where_one_is_expected_is_a_hotspot():
    muni = _city_with_hot_cell(6)
    assert len({cell_for(*p) for p in QUIET} | {cell_for(*HOT)}) == 13

    found = find_hotspots(municipality_id=muni.pk, window=Window.ending(DAY, 7))

    assert len(found) == 1
    spot = found[0]
    assert spot.cell == cell_for(*HOT)
    assert spot.code == "road"
    assert spot.count == 6
    assert spot.expected == pytest.approx(1.0)  # (18 - 6) / (13 - 1)
    assert spot.p_value == pytest.approx(0.000594, abs=1e-6)
    assert h3.latlng_to_cell(spot.lat, spot.lon, 9) == spot.cell


@pytest.mark.django_db
def test_five_where_one_is_expected_is_not_improbable_enough():
    muni = _city_with_hot_cell(5)  # P = 0.00366 > 0.001
    assert find_hotspots(municipality_id=muni.pk, window=Window.ending(DAY, 7)) == []


@pytest.mark.django_db
def test_reports_outside_the_window_do_not_count():
    muni = _city_with_hot_cell(6)
    assert (
        find_hotspots(municipality_id=muni.pk, window=Window.ending(DAY - dt.timedelta(1), 7)) == []
    )
