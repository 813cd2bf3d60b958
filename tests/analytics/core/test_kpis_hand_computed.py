"""Every KPI of the nine-report fixture against its hand-computed value (see fixture.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.analytics import selectors
from shahrvand.analytics.services import build_all
from shahrvand.reports.models import Report
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from . import fixture
from .fixture import DAY

pytestmark = pytest.mark.django_db


@pytest.fixture
def fx() -> fixture.Fixture:
    built = fixture.build()
    build_all()
    return built


def test_deadlines_are_counted_in_business_hours(fx: fixture.Fixture) -> None:
    r = fx.reports
    assert r["r1"].deadline == fixture.DEADLINE_A
    assert r["r7"].deadline == fixture.DEADLINE_W
    # r3 took 31 clock hours on an 8-business-hour target: late by the wall clock, in time
    # by the work calendar (Thursday afternoon and Friday are closed).
    assert r["r3"].resolved_at is not None and r["r3"].deadline is not None
    assert r["r3"].resolved_at - r["r3"].created_at > dt.timedelta(hours=8)
    assert r["r3"].resolved_at <= r["r3"].deadline


def test_municipality_totals(fx: fixture.Fixture) -> None:
    (row,) = selectors.kpis(municipality=fx.city, date_from=DAY, date_to=DAY)
    assert (row.received, row.open, row.closed, row.resolved) == (9, 2, 7, 5)
    assert row.closed_within_deadline_pct == 60.0  # r1 r2 r3 of r1 r2 r3 r4 r7
    assert row.median_hours_to_resolve == 31.0
    assert row.p90_hours_to_resolve == 101.0
    assert row.first_response_median_hours == 0.75
    assert row.reopen_rate == 0.2  # r7 of the five resolved at least once
    assert row.acceptance_rate == 0.6667  # 2 accepted of 3 verdicts
    assert row.satisfaction_avg == 4.0  # (5 + 3) / 2
    assert row.satisfaction_count == 2
    assert row.duplicate_share == 0.1111  # r9
    assert row.auto_categorised_share == 0.2222  # r2 r5
    assert row.corrected_share == 0.1111  # r4
    assert row.digital_share == 0.6667  # not r5 (phone), r6 (sms), r8 (phone)
    assert row.population == 100_000
    assert row.per_10k == 0.9


def test_by_department_and_agency(fx: fixture.Fixture) -> None:
    rows = {
        r.key: r
        for r in selectors.kpis(
            municipality=fx.city, date_from=DAY, date_to=DAY, group_by="department"
        )
    }
    a, w = rows[f"department:{fx.dept.pk}"], rows[f"agency:{fx.water.pk}"]
    assert set(rows) == {a.key, w.key}
    assert (a.received, a.open, a.closed, a.resolved) == (8, 2, 6, 4)
    assert a.closed_within_deadline_pct == 75.0
    assert (a.median_hours_to_resolve, a.p90_hours_to_resolve) == (10.75, 101.0)
    assert (a.reopen_rate, a.acceptance_rate, a.satisfaction_avg) == (0.0, 1.0, 4.0)
    assert a.label_fa == fx.dept.name_fa and a.municipality_slug == "testcity"
    assert (w.received, w.closed, w.closed_within_deadline_pct) == (1, 1, 0.0)
    assert (w.median_hours_to_resolve, w.p90_hours_to_resolve) == (51.0, 51.0)
    assert (w.reopen_rate, w.acceptance_rate, w.satisfaction_avg) == (1.0, 0.0, None)


def test_league_table_composite_score(fx: fixture.Fixture, settings) -> None:
    # Nine reports are below the default minimum for a rank (30); ranked from 1 report here.
    settings.SHAHRVAND_RANKING_MIN_REPORTS = 1
    first, second = selectors.league_table(municipality=fx.city, date_from=DAY, date_to=DAY)
    # A: .35·75 + .15·75 (6 of 8 closed) + .15·100 + .15·100 + .20·75 (rating 4) = 82.5
    assert (first.rank, first.key, first.kind, first.score) == (
        1, f"department:{fx.dept.pk}", "department", 82.5)  # fmt: skip
    assert first.components == {
        "within_deadline": 75.0, "closure": 75.0, "reopen": 100.0, "acceptance": 100.0,
        "satisfaction": 75.0}  # fmt: skip
    # W: no rating, so the other weights (.8 in all) carry it: (.15·100) / .8 = 18.75
    assert (second.rank, second.kind, second.score) == (2, "agency", 18.75)
    assert second.components["satisfaction"] is None
    # Shrunk toward the mean (8·82.5 + 1·18.75) / 9 = 75.4167 with m = 20:
    # A (660 + 1508.33) / 28 = 77.44, W (18.75 + 1508.33) / 21 = 72.72.
    assert (first.prior_mean, first.shrunk_score, second.shrunk_score) == (75.42, 77.44, 72.72)
    assert (first.n, second.n) == (8, 1)


def test_league_table_below_the_minimum_volume_ranks_nobody(fx: fixture.Fixture) -> None:
    rows = selectors.league_table(municipality=fx.city, date_from=DAY, date_to=DAY)
    assert [(r.kind, r.rank, r.n) for r in rows] == [("department", None, 8), ("agency", None, 1)]


def test_other_groupings(fx: fixture.Fixture) -> None:
    kw = {"municipality": fx.city, "date_from": DAY, "date_to": DAY}
    categories = {r.key: r.received for r in selectors.kpis(**kw, group_by="category")}
    assert categories == {"road": 8, "utilities": 1}
    channels = {c.channel: (c.received, c.share) for c in selectors.channel_mix(**kw)}
    assert channels["web"] == (6, 0.6667)
    assert channels["phone"] == (2, 0.2222)
    assert channels["sms"] == (1, 0.1111)
    assert channels["app"] == (0, 0.0)
    districts = selectors.district_counts(**kw)
    assert [(d.number, d.received) for d in districts] == [(1, 9), (2, 0)]
    assert selectors.top_categories(**kw, limit=1)[0].key == "road"
    by_unit = selectors.kpis(**kw, unit=f"agency:{fx.water.pk}", group_by="category")
    assert [(r.key, r.received, r.median_hours_to_resolve) for r in by_unit] == [
        ("utilities", 1, 51.0)]  # fmt: skip


def test_backlog_by_age(fx: fixture.Fixture) -> None:
    buckets = selectors.backlog_by_age(municipality=fx.city, as_of=DAY + dt.timedelta(days=5))
    assert {b.key: b.count for b in buckets} == {
        "0-2": 0,
        "3-7": 2,
        "8-30": 0,
        "31-90": 0,
        "91+": 0,
    }
    unit = selectors.backlog_by_age(municipality=fx.city, as_of=DAY, unit=f"agency:{fx.water.pk}")
    assert sum(b.count for b in unit) == 0


def test_trend_weeks_and_months(fx: fixture.Fixture) -> None:
    weeks = selectors.trend(
        municipality=fx.city, date_from=DAY - dt.timedelta(days=10), date_to=DAY, period="week"
    )
    # Weeks start on Saturday: 2026-10-24, 2026-10-31 (holds Wednesday 11-04).
    assert [(p.start, p.received) for p in weeks] == [
        (dt.date(2026, 10, 25), 0), (dt.date(2026, 10, 31), 9)]  # fmt: skip
    assert weeks[1].median_hours_to_resolve == 31.0
    months = selectors.trend(
        municipality=fx.city, date_from=dt.date(2026, 10, 1), date_to=dt.date(2026, 11, 30),
        period="month",
    )  # fmt: skip
    assert [(p.label_fa, p.received) for p in months] == [
        ("مهر 1405", 0), ("آبان 1405", 9), ("آذر 1405", 0)]  # fmt: skip


def test_whole_months_and_edge_days_agree(fx: fixture.Fixture) -> None:
    """Aban 1405 is 2026-10-23 … 2026-11-21: the first range is read from the monthly row,
    the second (not a whole month) from daily rows; both must say the same."""
    whole = selectors.kpis(
        municipality=fx.city, date_from=dt.date(2026, 10, 23), date_to=dt.date(2026, 11, 21)
    )
    edges = selectors.kpis(
        municipality=fx.city, date_from=dt.date(2026, 10, 24), date_to=dt.date(2026, 11, 21)
    )
    assert whole == edges
    assert whole[0].received == 9


def test_province_and_tenant_isolation(fx: fixture.Fixture) -> None:
    other = tenancy_factories.municipality("othercity", lat=36.3, lon=59.6)
    extra = reports_factories.report(
        other, categories_factories.category(other, "pit", "road"), where=(36.3, 59.58)
    )
    Report.objects.filter(pk=extra.pk).update(created_at=fixture.CREATED)
    build_all()
    mine = selectors.kpis(municipality=fx.city, date_from=DAY, date_to=DAY)
    assert mine[0].received == 9
    province = {
        r.key: r.received for r in selectors.province_comparison(date_from=DAY, date_to=DAY)
    }
    assert province == {"testcity": 9, "othercity": 1}
    (everything,) = selectors.kpis(municipality=None, date_from=DAY, date_to=DAY)
    assert everything.received == 10
    assert everything.per_10k == 0.5  # 10 reports, 200,000 residents


def test_hex_counts(fx: fixture.Fixture) -> None:
    cells = selectors.hex_counts(municipality=fx.city, date_from=DAY, date_to=DAY)
    assert sum(c.count for c in cells) == 9
    assert len(cells) == 1  # all nine at the same point
    road = selectors.hex_counts(
        municipality=fx.city, date_from=DAY, date_to=DAY, standard_code="utilities"
    )
    assert [c.count for c in road] == [1]
    coarse = selectors.hex_counts(municipality=fx.city, date_from=DAY, date_to=DAY, resolution=5)
    assert coarse[0].count == 9 and coarse[0].cell != cells[0].cell


def test_bad_ranges_are_refused(fx: fixture.Fixture) -> None:
    with pytest.raises(selectors.AnalyticsError) as exc:
        selectors.kpis(municipality=fx.city, date_from=DAY, date_to=DAY - dt.timedelta(days=1))
    assert exc.value.code == "invalid_range"
    with pytest.raises(selectors.AnalyticsError):
        selectors.kpis(
            municipality=fx.city, date_from=dt.date(2020, 1, 1), date_to=dt.date(2026, 1, 1)
        )
