"""The set-based builder (PostgreSQL) writes exactly the rows of the per-report builder."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest
from django.db import connection
from django.utils import timezone

from shahrvand.analytics.models import DailyCube, DailyRollup, HexDaily, HexMonthly, MonthlyCube
from shahrvand.analytics.services import build_all, refresh_changed
from shahrvand.analytics.services.partition import rebuild_days
from shahrvand.reports.models import Channel, Report, ReportEvent
from shahrvand.reports.workflow import Status
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from . import fixture
from .fixture import CREATED, DAY

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the set-based builder is PostgreSQL's"
    ),
]

_SKIP = {"id"}


def _rows(model: Any) -> list[tuple[Any, ...]]:
    names = [f.attname for f in model._meta.concrete_fields if f.attname not in _SKIP]
    out = []
    for values in model.objects.values_list(*names):
        out.append(tuple(sorted(v.items()) if isinstance(v, dict) else v for v in values))
    return sorted(out, key=repr)


def _snapshot() -> dict[str, list[tuple[Any, ...]]]:
    return {
        m.__name__: _rows(m) for m in (DailyRollup, DailyCube, HexDaily, MonthlyCube, HexMonthly)
    }


def _both(municipality_id: int, days: list[dt.date]) -> tuple[dict[str, Any], dict[str, Any]]:
    rebuild_days(municipality_id=municipality_id, days=days, python=True)
    python = _snapshot()
    rebuild_days(municipality_id=municipality_id, days=days)
    return python, _snapshot()


def test_identical_rows_on_the_hand_computed_fixture() -> None:
    fx = fixture.build()
    python, sql = _both(fx.city.pk, [DAY - dt.timedelta(days=1), DAY, DAY + dt.timedelta(days=1)])
    assert python["DailyRollup"] and python["HexDaily"]
    assert sql == python
    # The hand-computed figures hold for the SQL rows too (fixture.py: 9 received,
    # 5 resolved, r7 reopened, 2 accepted).
    total = DailyCube.objects.get(municipality=fx.city, day=DAY, dimension="none")
    assert (total.received, total.resolved, total.reopened, total.accepted) == (9, 5, 1, 2)
    assert sum(total.resolve_hist.values()) == 5


def _randomise(fx: fixture.Fixture, rng: random.Random, n: int) -> list[dt.date]:
    staff = tenancy_factories.staff(fx.city)
    districts = list(fx.city.districts.values_list("pk", flat=True)) or [None]
    edges = [0, 0.49, 0.5, 23.99, 24, 24.5, 167.9, 168, 1439, 1440, 2000, -3]
    reports = [
        reports_factories.report(fx.city, rng.choice([fx.pothole, fx.leak])) for _ in range(n)
    ]
    events = []
    for report in reports:
        created = CREATED + dt.timedelta(hours=rng.uniform(-60, 60))

        def after(hours: float, created: dt.datetime = created) -> dt.datetime:
            return created + dt.timedelta(hours=hours)

        def dur() -> float:
            return rng.choice(edges) if rng.random() < 0.3 else rng.uniform(0, 900)

        status = rng.choice(list(Status))
        unit = rng.choice(
            [(fx.dept.pk, None), (None, fx.water.pk), (None, None), (fx.dept.pk, fx.water.pk)]
        )
        Report.objects.filter(pk=report.pk).update(
            created_at=created,
            status=status,
            assigned_department_id=unit[0],
            assigned_agency_id=unit[1],
            district_id=rng.choice(districts) if districts[0] else report.district_id,
            deadline=after(rng.uniform(0, 200)) if rng.random() < 0.7 else None,
            resolved_at=after(dur()) if rng.random() < 0.6 else None,
            closed_at=after(dur()) if rng.random() < 0.4 else None,
            first_response_at=after(dur()) if rng.random() < 0.7 else None,
            satisfaction=rng.choice([None, 1, 2, 3, 4, 5]),
            duplicate_of_id=fx.reports["r1"].pk if rng.random() < 0.1 else None,
            auto_categorised=rng.random() < 0.3,
            channel=rng.choice(list(Channel)),
            h3_cell=rng.choice([report.h3_cell, report.h3_cell, "", "nonsense"]),
        )
        at = 0.0
        for _ in range(rng.randint(0, 5)):
            at += rng.choice([1, 100, 400, 720, 721])
            kind = rng.choice(["status", "status", "feedback", "category"])
            event = ReportEvent(report_id=report.pk, kind=kind, actor_label="آزمون")
            if kind == "status":
                event.from_status = rng.choice([Status.RESOLVED, Status.CLOSED, Status.IN_PROGRESS])
                event.to_status = rng.choice([Status.RESOLVED, Status.CLOSED, Status.REOPENED])
            elif kind == "feedback":
                event.data = rng.choice(
                    [{"accepted": True}, {"accepted": False}, {}, {"rating": 3}]
                )
            else:
                event.actor_id = staff.pk if rng.random() < 0.5 else None
            events.append((event, after(at)))
    ReportEvent.objects.bulk_create([e for e, _ in events])
    for event, at in events:
        ReportEvent.objects.filter(pk=event.pk).backdate_for_seeding(at)
    first = (CREATED - dt.timedelta(hours=61)).date()
    return [first + dt.timedelta(days=i) for i in range(8)]


def test_identical_rows_on_random_reports() -> None:
    fx = fixture.build()
    days = _randomise(fx, random.Random(20261201), 250)
    python, sql = _both(fx.city.pk, days)
    assert (
        sum(
            r[0]
            for r in DailyCube.objects.filter(dimension="none", municipality=fx.city).values_list(
                "received"
            )
        )
        == 259
    )
    assert len(python["DailyRollup"]) > 50
    for name in python:
        assert sql[name] == python[name], name


def test_full_build_and_refresh_take_the_sql_path() -> None:
    fx = fixture.build()
    build_all()
    built = _snapshot()
    rebuild_days(municipality_id=fx.city.pk, days=[DAY], python=True)
    assert _snapshot() == built
    Report.objects.filter(pk=fx.reports["r8"].pk).update(
        status=Status.CLOSED, closed_at=fixture.h(1), updated_at=timezone.now()
    )
    refresh_changed()
    total = DailyCube.objects.get(municipality=fx.city, day=DAY, dimension="none")
    assert (total.open, total.closed) == (1, 8)
