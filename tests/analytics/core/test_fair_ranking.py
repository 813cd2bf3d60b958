"""Fair rankings (issue #16 item 7): a unit with two reports at 100 % is not ranked first;
every score has n and a 95 % interval; small samples are shrunk toward the municipality
mean. All expected numbers are computed by hand below, not by the code under test.

Three units, all reports received on 13 Aban 1405, every deadline 72 h; no feedback and no
rating, none reopened (reopen component 100 wherever something was resolved):
  tiny  2 reports, both resolved in 1 h             within 100, closure 100, reopen 100 → 100
  big  40 reports, 36 resolved in 1 h, 4 open       within 100, closure 90, reopen 100
       → (.35·100 + .15·90 + .15·100) / .65 = 63.5 / .65 = 97.69
  mid  40 reports, 10 in 1 h, 10 in 100 h, 20 open  within 50, closure 50, reopen 100
       → (17.5 + 7.5 + 15) / .65 = 61.54
Municipality mean (weighted by reports) = (2·100 + 40·97.69 + 40·61.54) / 82
  = 6569.2 / 82 = 80.1122
Shrunk with m = 20: tiny (200 + 1602.24) / 22 = 81.92, big (3907.6 + 1602.24) / 60 = 91.83,
mid (2461.6 + 1602.24) / 60 = 67.73.
"""

from __future__ import annotations

import datetime as dt
import math
from zoneinfo import ZoneInfo

import pytest

from shahrvand.analytics import selectors
from shahrvand.analytics.selectors.league import score_interval, shrink, wilson
from shahrvand.analytics.services.rollup import build_all
from shahrvand.reports.models import Report
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
CREATED = dt.datetime(2026, 11, 4, 10, 0, tzinfo=TEHRAN)  # 13 Aban 1405
DAY = CREATED.date()
Z2 = 1.959964**2


def _reports(city, unit, cat, *, in_time: int, late: int, open_: int) -> None:
    for i in range(in_time + late + open_):
        r = reports_factories.report(city, cat)
        resolved = i < in_time + late
        Report.objects.filter(pk=r.pk).update(
            created_at=CREATED,
            assigned_department=unit,
            assigned_agency=None,
            deadline=CREATED + dt.timedelta(hours=72),
            status="resolved" if resolved else "assigned",
            resolved_at=CREATED + dt.timedelta(hours=1 if i < in_time else 100)
            if resolved
            else None,
        )


def build_fair_city(slug: str = "fairtown"):
    """The three units of the table above; returns (municipality, {code: unit key})."""
    city = tenancy_factories.municipality(slug)
    made = {}
    for code, counts in {
        "tiny": {"in_time": 2, "late": 0, "open_": 0},
        "big": {"in_time": 36, "late": 0, "open_": 4},
        "mid": {"in_time": 10, "late": 10, "open_": 20},
    }.items():
        dept = tenancy_factories.department(city, code)
        cat = categories_factories.category(city, f"{code}-cat", "road", dept=dept)
        _reports(city, dept, cat, **counts)
        made[code] = f"department:{dept.pk}"
    build_all()
    return city, made


@pytest.fixture
def units(db):
    return build_fair_city()


def _table(city):
    rows = selectors.league_table(municipality=city, date_from=DAY, date_to=DAY)
    return rows, {r.key: r for r in rows}


def test_wilson_interval_of_textbook_cases():
    # x = n: the lower bound is n / (n + z²); x = 0: the upper bound is z² / (n + z²).
    low, high = wilson(1.0, 2)  # type: ignore[misc]
    assert math.isclose(low, 2 / (2 + Z2), abs_tol=1e-9) and high == 1.0  # 0.3424
    low, high = wilson(0.0, 10)  # type: ignore[misc]
    assert low == 0.0 and math.isclose(high, Z2 / (10 + Z2), abs_tol=1e-9)  # 0.2775
    # 3 of 4 (the hand-computed fixture's within-deadline share): 0.3006 – 0.9544.
    low, high = wilson(0.75, 4)  # type: ignore[misc]
    assert (round(low, 4), round(high, 4)) == (0.3006, 0.9544)
    assert wilson(0.5, 0) is None
    # The composite's interval: the same weighted mean of the component bounds,
    # (.35·60 + .15·20) / .5 = 48 and (.35·100 + .15·40) / .5 = 82.
    w = {"within_deadline": 0.35, "closure": 0.15}
    bounds = {"within_deadline": (60.0, 100.0), "closure": (20.0, 40.0)}
    assert score_interval(bounds, w) == (48.0, 82.0)


def test_shrinkage_of_a_known_case():
    # (n·score + m·mean) / (n + m): 2 reports at 100 toward a mean of 60 with m = 20.
    assert shrink(100, 2, 60, 20) == round((200 + 1200) / 22, 2) == 63.64
    assert shrink(100, 2000, 60, 20) == 99.6  # many reports: the unit's own score
    assert shrink(100, 0, 60, 20) == 60.0


def test_two_reports_at_100_percent_are_not_ranked_by_default(units):
    city, key = units
    rows, by_key = _table(city)
    assert by_key[key["tiny"]].score == 100.0
    assert [(r.key, r.rank) for r in rows] == [
        (key["big"], 1),
        (key["mid"], 2),
        (key["tiny"], None),  # 2 < SHAHRVAND_RANKING_MIN_REPORTS (30): unranked, listed last
    ]
    assert not by_key[key["tiny"]].ranked and by_key[key["big"]].ranked


def test_ranked_by_the_shrunk_score_when_the_minimum_is_lowered(units, settings):
    settings.SHAHRVAND_RANKING_MIN_REPORTS = 1
    city, key = units
    rows, by_key = _table(city)
    tiny, big, mid = by_key[key["tiny"]], by_key[key["big"]], by_key[key["mid"]]
    assert (tiny.score, big.score, mid.score) == (100.0, 97.69, 61.54)
    assert tiny.prior_mean == round(6569.2 / 82, 2) == 80.11
    assert (tiny.shrunk_score, big.shrunk_score, mid.shrunk_score) == (81.92, 91.83, 67.73)
    # 100 on two reports ranks behind 97.69 on forty.
    assert [(r.key, r.rank) for r in rows] == [(key["big"], 1), (key["tiny"], 2), (key["mid"], 3)]


def test_every_score_has_n_and_an_interval(units):
    city, key = units
    _, by_key = _table(city)
    tiny, big = by_key[key["tiny"]], by_key[key["big"]]
    assert (tiny.n, big.n) == (2, 40)
    assert tiny.component_n["within_deadline"] == 2 and big.component_n["closure"] == 40
    # tiny: both components 2 of 2 → Wilson [2 / (2 + z²), 1] = [34.24, 100].
    lower = round(2 / (2 + Z2) * 100, 2)
    assert tiny.component_intervals["within_deadline"] == (lower, 100.0)
    assert (tiny.low, tiny.high) == (lower, 100.0)
    # big: within 36 of 36, closure 36 of 40; the interval is narrower than tiny's.
    assert big.low is not None and big.high is not None
    assert big.low <= big.score <= big.high  # type: ignore[operator]
    assert big.high - big.low < tiny.high - tiny.low  # type: ignore[operator]
    # Unmeasurable components have no interval and n = 0.
    assert tiny.component_intervals["acceptance"] is None and tiny.component_n["acceptance"] == 0
