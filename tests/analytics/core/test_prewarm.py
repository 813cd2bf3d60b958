"""After each refresh the periodic task reads what the dashboards open with, so the first
visitor after a refresh is served from the cache (analytics/views/prewarm.py)."""

from __future__ import annotations

import pytest
from django.http import QueryDict
from django.test import override_settings

from shahrvand.analytics import tasks
from shahrvand.analytics.models import DailyCube
from shahrvand.analytics.services import build_all
from shahrvand.analytics.views import dashboard, period, prewarm
from shahrvand.analytics.views.charts import Scope

from . import fixture
from .fixture import DAY

pytestmark = pytest.mark.django_db


def _cards_as_the_dashboard_reads_them(city: object, monkeypatch: pytest.MonkeyPatch) -> int:
    """The dashboard's KPI cards for its default period (this Jalali month up to DAY)."""
    monkeypatch.setattr(period, "today", lambda: DAY)
    opened = period.parse_period(QueryDict())
    return dashboard._overall(Scope(city, opened)).received  # type: ignore[arg-type]


def _refresh_then_tamper(city: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prewarm, "today", lambda: DAY)
    build_all()  # a new rollup generation, as a refresh that changed rows gives
    tasks.refresh()
    # Rows changed behind the builder's back (no new generation): a read that was
    # prewarmed still answers the sum taken at refresh time; a cold read sees the change.
    DailyCube.objects.filter(municipality=city, day=DAY).update(received=1000)


def test_the_refresh_task_prewarms_the_dashboard_cards(monkeypatch):
    fx = fixture.build()
    _refresh_then_tamper(fx.city, monkeypatch)
    assert _cards_as_the_dashboard_reads_them(fx.city, monkeypatch) == 9


@override_settings(SHAHRVAND_ANALYTICS_PREWARM=False)
def test_without_prewarm_the_first_read_adds_the_rows_up(monkeypatch):
    fx = fixture.build()
    _refresh_then_tamper(fx.city, monkeypatch)
    assert _cards_as_the_dashboard_reads_them(fx.city, monkeypatch) == 1000


def test_prewarm_covers_the_three_presets_for_the_province_and_each_city():
    fixture.build()
    periods = prewarm.standard_periods(DAY)
    assert [p.preset for p in periods] == ["month", "quarter", "year"]
    assert all(p.end == DAY for p in periods)
    assert periods[0].start <= DAY and periods[2].start <= periods[1].start <= periods[0].start
    reads = prewarm.prewarm(on=DAY)
    # province: its chart + comparison + cards; the city: 6 dashboard charts, the public
    # departments chart, the public table and the cards
    assert reads == 3 * ((1 + 2) + (7 + 2))


def test_an_unchanged_refresh_does_not_warm_again(monkeypatch):
    fixture.build()
    monkeypatch.setattr(prewarm, "today", lambda: DAY)
    build_all()
    assert tasks.refresh()["prewarmed_reads"] > 0  # first run: nothing warmed yet
    assert tasks.refresh()["prewarmed_reads"] == 0  # nothing changed, entries still fresh
    monkeypatch.setattr(tasks.time, "time", lambda: 10**12)  # entries half way to expiry
    assert tasks.refresh()["prewarmed_reads"] > 0
