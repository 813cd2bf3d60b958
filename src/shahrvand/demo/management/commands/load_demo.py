"""`manage.py load_demo`: the demo province that `make run` starts with."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.demo.loader import DEFAULT_SEED, load_demo
from shahrvand.demo.people import accounts_markdown, demo_password
from shahrvand.demo.reset import delete_demo_data, demo_data_present
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = (
        "Load the demo province (Tehran, Karaj, Shahriar) with districts, units, categories, "
        "staff accounts and about 400 reports. Invented data: never run it in production."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        group = parser.add_mutually_exclusive_group()
        group.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if the municipality 'tehran' already exists (used by make run)",
        )
        group.add_argument(
            "--reset",
            action="store_true",
            help="delete the demo data (municipalities, reports, accounts) first, then reload",
        )
        group.add_argument(
            "--accounts-markdown",
            action="store_true",
            help="print docs/demo-accounts.md and exit",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: Any, **options: Any) -> None:
        if options["accounts_markdown"]:
            self.stdout.write(accounts_markdown(), ending="")
            return
        if options["if_empty"] and Municipality.objects.filter(slug="tehran").exists():
            self.stdout.write("Demo data already present (municipality 'tehran'); nothing done.")
            return
        started = time.monotonic()
        if options["reset"]:
            deleted = delete_demo_data()
            self.stdout.write(f"Deleted the demo data ({deleted} reports).")
        elif demo_data_present():
            raise CommandError(
                "Demo data (or a demo account) already exists. Run with --reset to delete and "
                "reload it, or with --if-empty to leave it as it is."
            )
        summary = load_demo(seed=options["seed"])
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(summary.reports.items()))
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo province loaded in {time.monotonic() - started:.1f} s: "
                f"{summary.municipalities} municipalities, {summary.districts} districts, "
                f"{summary.categories} categories, {summary.users} staff accounts, "
                f"{summary.reports.total()} reports ({statuses})."
            )
        )
        self.stdout.write(
            f"Every demo account (see docs/demo-accounts.md) and the superuser 'admin' "
            f"use the password '{demo_password()}'; each enrols a TOTP authenticator app at "
            "its first login (the second factor every staff account gives)."
        )
