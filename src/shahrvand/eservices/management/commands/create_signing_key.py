"""Make a self-signed certificate-signing key for one or every municipality (development,
demos). Production installs a real key with install_signing_key (docs/operations.md)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.eservices.signing import create_demo_key, key_pair
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Create a self-signed PAdES signing key and certificate per municipality (demo/dev)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--municipality", action="append", default=[], help="slug")
        parser.add_argument("--days", type=int, default=3650, help="certificate lifetime")
        parser.add_argument("--replace", action="store_true", help="replace an existing key")

    def handle(self, *args: Any, **options: Any) -> None:
        municipalities = Municipality.objects.order_by("slug")
        if options["municipality"]:
            municipalities = municipalities.filter(slug__in=options["municipality"])
        if not municipalities.exists():
            raise CommandError("no such municipality")
        for municipality in municipalities:
            existed = key_pair(municipality).exists()
            pair = create_demo_key(municipality, days=options["days"], replace=options["replace"])
            state = "kept" if existed and not options["replace"] else "created"
            self.stdout.write(f"{municipality.slug}: {state} {pair.cert}")
