"""`manage.py detect_spikes [--day 1405-08-12 | 2026-11-03] [--municipality SLUG]`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from shahrvand.analytics.mining.alerts import raise_alerts
from shahrvand.common.jalali import jalali_to_gregorian
from shahrvand.common.persian import normalize_digits
from shahrvand.tenancy.models import Municipality


def parse_day(raw: str) -> dt.date:
    """A Gregorian (2026-11-03) or Jalali (1405-08-12) date; years below 1700 are Jalali."""
    try:
        year, month, day = (int(p) for p in normalize_digits(raw).replace("/", "-").split("-"))
        if year < 1700:
            return jalali_to_gregorian(year, month, day)
        return dt.date(year, month, day)
    except ValueError as exc:
        raise CommandError(f"تاریخ نامعتبر است: {raw} (نمونه: 1405-08-12)") from exc


class Command(BaseCommand):
    help = "Raise alerts for spikes of a standard code on one day (default: yesterday)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--day", default="")
        parser.add_argument("--municipality", default="", help="slug; default: all")

    def handle(self, *args: Any, **options: Any) -> None:
        day = (
            parse_day(options["day"])
            if options["day"]
            else timezone.localdate() - dt.timedelta(days=1)
        )
        ids: list[int] | None = None
        if options["municipality"]:
            muni = Municipality.objects.filter(slug=options["municipality"]).first()
            if muni is None:
                raise CommandError(f"شهرداری {options['municipality']} پیدا نشد.")
            ids = [muni.pk]
        alerts = raise_alerts(day=day, municipality_ids=ids)
        for alert in alerts:
            self.stdout.write(
                f"{alert.dedupe_key}: {alert.observed} (expected {alert.expected:.1f})"
            )
        self.stdout.write(f"{len(alerts)} new alert(s) for {day.isoformat()}")
