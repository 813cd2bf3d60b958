"""Reads of the holiday calendar, for people and the API."""

from __future__ import annotations

from shahrvand.common.jalali import jalali_to_gregorian
from shahrvand.tenancy.models import Municipality

from .calendar import entered_holidays
from .models import Holiday
from .official import HolidayDay, jalali_text, official_holidays


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
