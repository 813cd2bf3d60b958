from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from shahrvand.reports.services.retention import anonymise_ended_reports


class Command(BaseCommand):
    help = "Anonymise the reporters of reports that ended more than RETENTION_DAYS ago."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--days", type=int, default=None, help="override RETENTION_DAYS")

    def handle(self, *args: Any, **options: Any) -> None:
        count = anonymise_ended_reports(options["days"])
        self.stdout.write(f"anonymised {count} reports")
