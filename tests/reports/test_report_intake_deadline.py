"""The deadline set at intake: business hours scaled by priority, clock hours for emergencies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from shahrvand.deadlines.business_hours import TEHRAN
from shahrvand.reports.models import Priority
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db

# Wednesday 7 May 2025, 10:00 in Tehran.
WEDNESDAY_10 = dt.datetime(2025, 5, 7, 10, 0, tzinfo=TEHRAN)


def _tehran(day: int, hour: int) -> dt.datetime:
    return dt.datetime(2025, 5, day, hour, 0, tzinfo=TEHRAN)


@pytest.fixture
def frozen_now(monkeypatch):
    def freeze(moment: dt.datetime) -> None:
        monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(dt.UTC))

    freeze(WEDNESDAY_10)
    return freeze


@pytest.fixture
def eight_hour_category(city):
    category = categories_factories.category(city, "streetlight", "lighting", target_hours=8)
    category.emergency_hours = 4
    category.save()
    return category


@pytest.mark.parametrize(
    ("priority", "expected"),
    [
        # 8 business hours: 6 left on Wednesday, then 2 on Thursday morning.
        (Priority.NORMAL, _tehran(8, 10)),
        # High halves the target: 4 hours, still Wednesday.
        (Priority.HIGH, _tehran(7, 14)),
        # Low is 1.5×: 12 hours = 6 Wed + 4 Thu (half day) + 2 on Saturday; Friday skipped.
        (Priority.LOW, _tehran(10, 10)),
    ],
    ids=["normal", "high", "low"],
)
def test_deadline_counts_business_hours_by_priority(
    city, eight_hour_category, frozen_now, priority, expected
):
    report = reports_factories.report(city, eight_hour_category, priority=priority)
    report.refresh_from_db()
    assert report.created_at == WEDNESDAY_10
    assert report.deadline == expected


def test_emergency_deadline_runs_on_the_clock_through_the_night(
    city, eight_hour_category, frozen_now
):
    frozen_now(_tehran(7, 22))  # Wednesday night: a business-hours clock would wait for morning
    report = reports_factories.report(city, eight_hour_category, priority=Priority.EMERGENCY)
    report.refresh_from_db()
    assert report.deadline == _tehran(8, 2)


def test_emergency_deadline_ignores_friday(city, eight_hour_category, frozen_now):
    frozen_now(_tehran(9, 10))  # Friday
    report = reports_factories.report(city, eight_hour_category, priority=Priority.EMERGENCY)
    report.refresh_from_db()
    assert report.deadline == _tehran(9, 14)


def test_normal_report_filed_on_friday_starts_counting_on_saturday(
    city, eight_hour_category, frozen_now
):
    frozen_now(_tehran(9, 10))
    report = reports_factories.report(city, eight_hour_category)
    report.refresh_from_db()
    assert report.deadline == _tehran(10, 16)
