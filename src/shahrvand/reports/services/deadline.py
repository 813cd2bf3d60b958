"""A report's clock: deadline, the 75% warning point and the escalation point.

Ordinary reports count business hours of the municipality's work calendar, scaled by
priority; emergencies count clock hours (a gas leak does not wait for Saturday). While a
report is on hold its clock stops: on resuming, every point still ahead of the moment the
hold began moves forward by the working time the hold lasted.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings

from shahrvand.categories.models import Category
from shahrvand.deadlines.business_hours import (
    WorkCalendar,
    add_business_hours,
    business_hours_between,
)
from shahrvand.deadlines.calendar import calendar_for
from shahrvand.reports.models import Priority, Report

# Multipliers of the category's target for non-emergency priorities.
PRIORITY_FACTOR = {Priority.LOW: 1.5, Priority.NORMAL: 1.0, Priority.HIGH: 0.5}


@dataclass(frozen=True)
class Clock:
    deadline: dt.datetime
    warn_at: dt.datetime
    escalate_at: dt.datetime


def _add(start: dt.datetime, hours: float, calendar: WorkCalendar | None) -> dt.datetime:
    if calendar is None:
        return start + dt.timedelta(hours=hours)
    return add_business_hours(start, hours, calendar)


def _between(start: dt.datetime, end: dt.datetime, calendar: WorkCalendar | None) -> float:
    if calendar is None:
        return max((end - start).total_seconds() / 3600, 0.0)
    return business_hours_between(start, end, calendar)


def _calendar(priority: str, municipality_id: int) -> WorkCalendar | None:
    """None means the wall clock (emergencies)."""
    return None if priority == Priority.EMERGENCY else calendar_for(municipality_id)


def clock_for(category: Category, priority: str, start: dt.datetime) -> Clock:
    calendar = _calendar(priority, category.municipality_id)
    if calendar is None:
        hours = float(category.emergency_hours)
    else:
        hours = category.target_hours * PRIORITY_FACTOR[Priority(priority)]
    return Clock(
        deadline=_add(start, hours, calendar),
        warn_at=_add(start, hours * settings.SHAHRVAND_DEADLINE_WARN_FRACTION, calendar),
        escalate_at=_add(
            start, hours * (1 + settings.SHAHRVAND_ESCALATION_AFTER_FRACTION), calendar
        ),
    )


def deadline_for(category: Category, priority: str, start: dt.datetime) -> dt.datetime:
    return clock_for(category, priority, start).deadline


def resume_clock(report: Report, now: dt.datetime) -> float:
    """Shift the report's pending clock points by the working time spent on hold since
    `report.on_hold_since`; return those hours (for the history)."""
    since = report.on_hold_since
    if since is None:
        return 0.0
    calendar = _calendar(report.priority, report.municipality_id)
    paused = _between(since, now, calendar)
    for name in ("warn_at", "deadline", "escalate_at"):
        point: dt.datetime | None = getattr(report, name)
        if point is not None and point > since:
            setattr(report, name, _add(now, _between(since, point, calendar), calendar))
    report.paused_hours += paused
    report.on_hold_since = None
    return round(paused, 2)
