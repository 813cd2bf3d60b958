from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from shahrvand.categories.models import Category
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Municipality
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")


def report_at(
    muni: Municipality,
    cat: Category,
    when: dt.datetime,
    *,
    where: tuple[float, float] = tenancy_factories.INSIDE_WEST,
    **extra: Any,
) -> Report:
    """A report created through the intake service, then dated `when` (local time)."""
    created = reports_factories.report(muni, cat, where=where, **extra)
    Report.objects.filter(pk=created.pk).update(created_at=when)
    created.created_at = when
    return created


def local(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=TEHRAN)
