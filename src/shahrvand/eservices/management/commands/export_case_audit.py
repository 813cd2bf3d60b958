"""Export the audit trail of one case (by tracking code) or of a municipality's cases."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.eservices.models import Case
from shahrvand.eservices.selectors.audit import audit_csv, audit_json, audit_of
from shahrvand.reports import tracking


class Command(BaseCommand):
    help = "Write the case audit trail as CSV or JSON (to stdout or --output)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--case", help="tracking code")
        parser.add_argument("--municipality", help="municipality slug")
        parser.add_argument("--format", choices=("csv", "json"), default="csv")
        parser.add_argument("--output", help="file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        cases = Case.objects.all()
        if options["case"]:
            code = tracking.parse(options["case"])
            if code is None:
                raise CommandError("invalid tracking code")
            cases = cases.filter(tracking_code=code)
        elif options["municipality"]:
            cases = cases.filter(municipality__slug=options["municipality"])
        else:
            raise CommandError("give --case or --municipality")
        if not cases.exists():
            raise CommandError("no such case")
        rows = audit_of(cases)
        text = audit_csv(rows) if options["format"] == "csv" else audit_json(rows)
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
        else:
            self.stdout.write(text, ending="")
