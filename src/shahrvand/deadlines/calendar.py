"""The work calendar of a municipality, cached (admins rarely change it; saves invalidate).

Three sources of days off, all applied (decision 0035): the official calendar built into the
product (deadlines.official), province-wide closures (Holiday rows naming the
municipality's province) and the municipality's own local holidays.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from shahrvand.common.jalali import to_jalali
from shahrvand.common.localcopy import local_copy
from shahrvand.tenancy.models import Municipality

from .business_hours import DEFAULT_CALENDAR, DEFAULT_WEEK, WorkCalendar
from .models import Holiday, WorkWeek, calendar_cache_key
from .official import official_dates

CACHE_SECONDS = 300
# Official holidays this many Jalali years either side of today are in the calendar: enough
# for any deadline set now and for measuring the business hours of reports years old.
OFFICIAL_YEARS_AROUND = 10


def calendar_for(municipality_id: int) -> WorkCalendar:
    """The municipality's calendar: this process's copy while current (common.localcopy;
    holiday and work-week saves drop it), else the shared cache, else the database."""
    return local_copy("work-calendar", municipality_id, lambda: _shared(municipality_id))


def entered_holidays(municipality_id: int) -> Q:
    """The Holiday rows that apply to a municipality: its own and its province's."""
    province = Municipality.objects.filter(pk=municipality_id).values("province")
    return Q(municipality_id=municipality_id) | Q(municipality__isnull=True, province__in=province)


def official_window() -> frozenset[dt.date]:
    """The official holiday dates around today (deadlines.official)."""
    year = int(to_jalali(timezone.localdate()).year)
    return official_dates(year - OFFICIAL_YEARS_AROUND, year + OFFICIAL_YEARS_AROUND)


def _shared(municipality_id: int) -> WorkCalendar:
    key = calendar_cache_key(municipality_id)
    cached = cache.get(key)
    if isinstance(cached, WorkCalendar):
        return cached
    week_row = WorkWeek.objects.filter(municipality_id=municipality_id).first()
    holidays = Holiday.objects.filter(entered_holidays(municipality_id)).values_list(
        "date", flat=True
    )
    calendar = WorkCalendar(
        week=week_row.as_mapping() if week_row else DEFAULT_WEEK,
        holidays=frozenset(holidays) | official_window(),
        tz=DEFAULT_CALENDAR.tz,
    )
    cache.set(key, calendar, CACHE_SECONDS)
    return calendar
