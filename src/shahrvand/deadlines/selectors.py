"""Reads of the holiday calendar: for the acting staff member (limited to what they may see),
for people and for the API."""

from __future__ import annotations

from django.db.models import QuerySet

from shahrvand.common.jalali import jalali_to_gregorian
from shahrvand.tenancy.access import scope_to_actor, sees_every_municipality
from shahrvand.tenancy.models import Municipality, StaffProfile

from .calendar import entered_holidays
from .models import Holiday
from .official import HolidayDay, jalali_text, official_holidays


def holidays_visible_to(profile: StaffProfile | None) -> QuerySet[Holiday]:
    """The entered holidays that apply to `profile`'s municipality: its own and its
    province's closures (every row for the province supervisor); none without a profile.
    The official calendar is built in (deadlines.official), not rows."""
    if profile is None:
        return Holiday.objects.none()
    if sees_every_municipality(profile):
        return Holiday.objects.all()
    assert profile.municipality_id is not None  # only the province role has none
    return Holiday.objects.filter(entered_holidays(profile.municipality_id))


def holidays_managed_by(profile: StaffProfile | None) -> QuerySet[Holiday]:
    """The municipality's own holidays (province closures are entered once for the province,
    in the admin, not by a municipality)."""
    return scope_to_actor(Holiday.objects.filter(municipality__isnull=False), profile)


def entered_days(municipality: Municipality, year: int) -> list[tuple[Holiday, HolidayDay]]:
    """The province and local rows that apply to `municipality` in Jalali `year`, each with
    its HolidayDay (for the staff page, which can delete the local ones)."""
    rows = Holiday.objects.filter(
        entered_holidays(municipality.pk),
        date__gte=jalali_to_gregorian(year, 1, 1),
        date__lt=jalali_to_gregorian(year + 1, 1, 1),
    ).select_related("municipality")
    return [
        (
            row,
            HolidayDay(row.date, jalali_text(row.date), row.title, "", row.kind, row.source_text()),
        )
        for row in rows
    ]


def holidays_in_year(municipality: Municipality, year: int) -> list[HolidayDay]:
    """Every day off of `municipality` in Jalali `year`: official (solar and lunar),
    province-wide and local, by date."""
    days = [*official_holidays(year), *(day for _, day in entered_days(municipality, year))]
    return sorted(days, key=lambda day: day.date)
