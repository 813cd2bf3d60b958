from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from shahrvand.open311.keys import ensure_demo_api_client


class Command(BaseCommand):
    help = "Register the demo Open311 app (key demo-open311-key or $SHAHRVAND_DEMO_API_KEY)."

    def handle(self, *args: Any, **options: Any) -> None:
        client = ensure_demo_api_client()
        if client is None:
            raise CommandError("Demo API keys are disabled under production settings.")
        self.stdout.write(f"Open311 demo client: {client}")
