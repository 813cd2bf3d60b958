"""The periodic refresh rebuilds only the (day, municipality) partitions that changed."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from shahrvand.analytics import selectors
from shahrvand.analytics.models import DailyCube, DailyRollup, MonthlyCube, RollupState
from shahrvand.analytics.services import build_all, refresh_changed
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_transition
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories

from . import fixture
from .fixture import DAY

pytestmark = pytest.mark.django_db
OTHER_DAY = DAY - dt.timedelta(days=2)


@pytest.fixture
def fx() -> fixture.Fixture:
    built = fixture.build()
    lone = reports_factories.report(built.city, built.pothole)
    Report.objects.filter(pk=lone.pk).update(
        created_at=fixture.CREATED - dt.timedelta(days=2),
        updated_at=fixture.CREATED - dt.timedelta(days=1),
    )
    built.reports["lone"] = lone
    build_all()
    return built


def _pks(day: dt.date) -> set[int]:
    return set(DailyCube.objects.filter(day=day).values_list("pk", flat=True)) | set(
        DailyRollup.objects.filter(day=day).values_list("pk", flat=True)
    )


def test_first_refresh_builds_everything_then_nothing_changes(fx: fixture.Fixture) -> None:
    RollupState.objects.all().delete()
    DailyCube.objects.all().delete()
    first = refresh_changed()
    assert first.full and first.partitions >= 2
    again = refresh_changed()
    assert (again.full, again.partitions) == (False, 0)


def test_only_the_changed_partition_is_rebuilt(fx: fixture.Fixture) -> None:
    untouched = _pks(OTHER_DAY)
    before = selectors.kpis(municipality=fx.city, date_from=DAY, date_to=DAY)[0]
    assert (before.open, before.resolved) == (2, 5)

    r5 = fx.reports["r5"]
    report_transition(report=r5, to_status=Status.RESOLVED, actor=None, note="انجام شد")
    Report.objects.filter(pk=r5.pk).update(resolved_at=fixture.h(0.25))
    result = refresh_changed()

    assert (result.full, result.partitions, result.municipalities) == (False, 1, 1)
    assert _pks(OTHER_DAY) == untouched  # the other day's rows were not rewritten
    after = selectors.kpis(municipality=fx.city, date_from=DAY, date_to=DAY)[0]
    assert (after.open, after.resolved, after.closed) == (1, 6, 8)
    # resolve hours now [0.25, 2.25, 10.75, 31, 51, 101]: median = 3rd = 10.75
    assert after.median_hours_to_resolve == 10.75
    # the Jalali month row followed its days: 10 received, open = r8 + the lone report
    month = MonthlyCube.objects.get(municipality=fx.city, dimension="none")
    assert (month.received, month.open, month.resolved) == (10, 2, 6)


def test_rebuilding_is_idempotent(fx: fixture.Fixture) -> None:
    counts = (DailyRollup.objects.count(), DailyCube.objects.count(), MonthlyCube.objects.count())
    build_all()
    again = (DailyRollup.objects.count(), DailyCube.objects.count(), MonthlyCube.objects.count())
    assert again == counts
    row = selectors.kpis(municipality=fx.city, date_from=OTHER_DAY, date_to=DAY)[0]
    assert row.received == 10


def test_management_command(fx: fixture.Fixture) -> None:
    out = StringIO()
    call_command("build_analytics", stdout=out)
    assert out.getvalue().startswith("incremental: 0 partitions")
    out = StringIO()
    call_command("build_analytics", "--full", "--municipality", "testcity", stdout=out)
    assert out.getvalue().startswith("full: ")
    with pytest.raises(Exception, match="unknown municipality"):
        call_command("build_analytics", "--full", "--municipality", "atlantis")


def test_periodic_task_is_scheduled() -> None:
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["analytics-refresh"]
    assert entry["task"] == "analytics.refresh"
