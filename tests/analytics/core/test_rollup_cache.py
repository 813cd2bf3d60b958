"""Rollup reads are cached under the rollup generation: reused until the rollups change,
never read again after a refresh (analytics/cache.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone

from shahrvand.analytics import cache, selectors
from shahrvand.analytics.models import DailyCube, RollupState
from shahrvand.analytics.services import build_all, refresh_changed
from shahrvand.analytics.services.partition import rebuild_days
from shahrvand.reports.models import Report
from shahrvand.reports.workflow import Status

from . import fixture
from .fixture import DAY

pytestmark = pytest.mark.django_db


def _received(city: object) -> int:
    (row,) = selectors.kpis(municipality=city, date_from=DAY, date_to=DAY)  # type: ignore[arg-type]
    return row.received


def _open(city: object) -> int:
    (row,) = selectors.kpis(municipality=city, date_from=DAY, date_to=DAY)  # type: ignore[arg-type]
    return row.open


def test_a_second_read_comes_from_the_cache_until_the_rollups_change() -> None:
    fx = fixture.build()
    build_all()
    token = cache.generation()
    assert token
    assert _received(fx.city) == 9
    # Rows changed behind the builder's back (no new generation): the cached sum is served,
    # which proves the second read did not add the rows up again.
    DailyCube.objects.filter(municipality=fx.city, day=DAY).update(received=1000)
    assert _received(fx.city) == 9
    # Any rebuild writes a new generation in its transaction: the next read is fresh.
    rebuild_days(municipality_id=fx.city.pk, days=[DAY])
    assert cache.generation() != token
    assert _received(fx.city) == 9
    DailyCube.objects.filter(municipality=fx.city, day=DAY).update(received=1000)
    rebuild_days(municipality_id=fx.city.pk, days=[DAY - dt.timedelta(days=1)])
    assert _received(fx.city) == 1000


def test_the_periodic_refresh_invalidates_what_was_cached() -> None:
    fx = fixture.build()
    build_all()
    assert _open(fx.city) == 2  # r5 in progress, r8 submitted
    league = selectors.league_table(municipality=fx.city, date_from=DAY, date_to=DAY)
    assert sum(row.kpi.received for row in league) == 9
    Report.objects.filter(pk=fx.reports["r8"].pk).update(
        status=Status.CLOSED, closed_at=fixture.h(1), updated_at=timezone.now()
    )
    before = RollupState.objects.get(name="reports").generation
    refresh_changed()
    assert RollupState.objects.get(name="reports").generation != before
    assert _open(fx.city) == 1


@override_settings(SHAHRVAND_ANALYTICS_CACHE_SECONDS=0)
def test_caching_can_be_turned_off() -> None:
    fx = fixture.build()
    build_all()
    assert _received(fx.city) == 9
    DailyCube.objects.filter(municipality=fx.city, day=DAY).update(received=1000)
    assert _received(fx.city) == 1000
