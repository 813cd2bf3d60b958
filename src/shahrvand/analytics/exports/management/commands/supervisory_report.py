"""`manage.py supervisory_report --month 1405-08 [--municipality SLUG | --province]`.

Without --municipality it writes the province report and every active municipality's."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.analytics.exports.content import JalaliMonth
from shahrvand.analytics.exports.services import supervisory_report_generate
from shahrvand.analytics.services.rollup import refresh_changed
from shahrvand.common.errors import DomainError
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Generate and archive the monthly supervisory report (PDF + XLSX)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--month", required=True, help="Jalali year-month, e.g. 1405-08")
        parser.add_argument("--municipality", default="", help="slug; default: all + province")
        parser.add_argument("--province", action="store_true", help="only the province report")
        parser.add_argument(
            "--no-refresh", action="store_true", help="do not bring the rollups up to date first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            month = JalaliMonth.parse(options["month"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        scopes: list[Municipality | None]
        if options["municipality"]:
            muni = Municipality.objects.filter(slug=options["municipality"]).first()
            if muni is None:
                raise CommandError(f"شهرداری {options['municipality']} پیدا نشد.")
            scopes = [muni]
        elif options["province"]:
            scopes = [None]
        else:
            scopes = [None, *Municipality.objects.filter(is_active=True)]
        if not options["no_refresh"]:
            refresh_changed()
        for scope in scopes:
            report = supervisory_report_generate(municipality=scope, month=month)
            self.stdout.write(f"{report}: {report.pdf.name} {report.xlsx.name}")
