"""`manage.py build_analytics [--full] [--municipality SLUG ...]`: refresh the rollups now."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.analytics.services import build_all, refresh_changed
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Refresh the analytics rollups (only changed partitions unless --full)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="rebuild every partition")
        parser.add_argument(
            "--municipality", action="append", default=[], help="slug; with --full only"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        slugs: list[str] = options["municipality"]
        if slugs and not options["full"]:
            raise CommandError("--municipality needs --full")
        if options["full"]:
            ids = None
            if slugs:
                found = dict(Municipality.objects.filter(slug__in=slugs).values_list("slug", "id"))
                missing = sorted(set(slugs) - set(found))
                if missing:
                    raise CommandError(f"unknown municipality: {', '.join(missing)}")
                ids = list(found.values())
            result = build_all(municipality_ids=ids)
        else:
            result = refresh_changed()
        self.stdout.write(
            f"{'full' if result.full else 'incremental'}: {result.partitions} partitions "
            f"in {result.municipalities} municipalities, {time.perf_counter() - started:.1f} s"
        )
