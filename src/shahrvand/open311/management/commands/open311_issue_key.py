from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.open311.keys import api_client_create
from shahrvand.open311.models import ApiClient
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Register a third-party Open311 app and print its new API key (shown only once)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("name")
        parser.add_argument("--contact", default="")
        parser.add_argument("--municipality", help="slug; omit to allow every municipality")

    def handle(self, *args: Any, **options: Any) -> None:
        if ApiClient.objects.filter(name=options["name"]).exists():
            raise CommandError(f"An API client named {options['name']!r} already exists.")
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"Unknown municipality {options['municipality']!r}.")
        client, key = api_client_create(
            name=options["name"], contact=options["contact"], municipality=municipality
        )
        self.stdout.write(f"{client.name}: {key}")
