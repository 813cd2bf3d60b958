"""`manage.py export_open_data --municipality SLUG --from 2026-10-23 --to 2026-11-21
[--format csv|json] [--output FILE]` — streams the open data export (stdout by default)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.analytics.exports import opendata
from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Write the open data export of reports (no personal data) as CSV or JSON."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", required=True)
        parser.add_argument("--from", dest="first", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="last", required=True, help="YYYY-MM-DD")
        parser.add_argument("--format", choices=["csv", "json"], default="csv")
        parser.add_argument("--output", default="-", help="file path; - for stdout")

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(f"شهرداری {options['municipality']} پیدا نشد.")
        try:
            first, last = opendata.parse_range(options["first"], options["last"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        records = opendata.rows(municipality=municipality, first=first, last=last)
        chunks = (
            opendata.stream_csv(records)
            if options["format"] == "csv"
            else opendata.stream_json(records, municipality=municipality, first=first, last=last)
        )
        if options["output"] == "-":
            for chunk in chunks:
                self.stdout.write(chunk, ending="")
            return
        with open(options["output"], "w", encoding="utf-8", newline="") as out:
            for chunk in chunks:
                out.write(chunk)
