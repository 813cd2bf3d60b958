"""Re-verify stale started payments with their provider, expire the unpaid, settle the paid."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from shahrvand.payments.services import reconcile_payments


class Command(BaseCommand):
    help = "Reconcile started payments with the payment provider (also run by Celery beat)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args: Any, **options: Any) -> None:
        counts = reconcile_payments(limit=options["limit"])
        self.stdout.write(" ".join(f"{key}={value}" for key, value in counts.items()))
