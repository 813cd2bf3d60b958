"""The work calendar of a municipality, cached (admins rarely change it; saves invalidate)."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Q

from shahrvand.common.localcopy import local_copy

from .business_hours import DEFAULT_CALENDAR, DEFAULT_WEEK, WorkCalendar
from .models import Holiday, WorkWeek, calendar_cache_key

CACHE_SECONDS = 300


def calendar_for(municipality_id: int) -> WorkCalendar:
    """The municipality's calendar: this process's copy while current (common.localcopy;
    holiday and work-week saves drop it), else the shared cache, else the database."""
    return local_copy("work-calendar", municipality_id, lambda: _shared(municipality_id))


def _shared(municipality_id: int) -> WorkCalendar:
    key = calendar_cache_key(municipality_id)
    cached = cache.get(key)
    if isinstance(cached, WorkCalendar):
        return cached
    week_row = WorkWeek.objects.filter(municipality_id=municipality_id).first()
    holidays = Holiday.objects.filter(
        Q(municipality_id=municipality_id) | Q(municipality__isnull=True)
    ).values_list("date", flat=True)
    calendar = WorkCalendar(
        week=week_row.as_mapping() if week_row else DEFAULT_WEEK,
        holidays=frozenset(holidays),
        tz=DEFAULT_CALENDAR.tz,
    )
    cache.set(key, calendar, CACHE_SECONDS)
    return calendar
