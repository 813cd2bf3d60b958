"""The time windows mining works over: local (Asia/Tehran) days turned into UTC bounds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import QuerySet

from shahrvand.reports.models import Report

# Mining reads raw reports only through these bounded windows; a window never scans more.
MAX_ROWS = 50_000


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def day_bounds(day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a local calendar day as aware datetimes."""
    start = dt.datetime.combine(day, dt.time.min, tzinfo=local_zone())
    return start, start + dt.timedelta(days=1)


@dataclass(frozen=True)
class Window:
    """Local days [first, last], both included."""

    first: dt.date
    last: dt.date

    @classmethod
    def ending(cls, last: dt.date, days: int) -> Window:
        return cls(first=last - dt.timedelta(days=days - 1), last=last)

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def start(self) -> dt.datetime:
        return day_bounds(self.first)[0]

    @property
    def end(self) -> dt.datetime:
        return day_bounds(self.last)[1]

    def reports(self, municipality_id: int) -> QuerySet[Report]:
        """The municipality's reports created in the window (index: municipality, created_at).

        Reports marked as duplicates of another are left out: one problem reported by six
        people is one problem, not a recurrence."""
        return Report.objects.filter(
            municipality_id=municipality_id,
            created_at__gte=self.start,
            created_at__lt=self.end,
            duplicate_of__isnull=True,
        )
