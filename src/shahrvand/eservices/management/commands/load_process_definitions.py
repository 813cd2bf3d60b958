"""Load process definition files into the catalogue of one or all municipalities, as drafts
(and publish them with --publish). Idempotent: an unchanged file adds no version."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from shahrvand.eservices.definitions import DefinitionError
from shahrvand.eservices.services import definition_load, definition_publish
from shahrvand.eservices.services.definitions import shipped_documents
from shahrvand.tenancy.models import Municipality


class Command(BaseCommand):
    help = "Load (validate) process definitions; default: the shipped files, every municipality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="*", help="definition JSON files")
        parser.add_argument("--municipality", action="append", default=[], help="slug")
        parser.add_argument("--publish", action="store_true", help="publish what was loaded")

    def handle(self, *args: Any, **options: Any) -> None:
        documents = []
        for name in options["files"]:
            try:
                documents.append(json.loads(Path(name).read_text(encoding="utf-8")))
            except (OSError, json.JSONDecodeError) as exc:
                raise CommandError(f"{name}: {exc}") from exc
        if not documents:
            documents = shipped_documents()
        municipalities = Municipality.objects.filter(is_active=True)
        if options["municipality"]:
            municipalities = municipalities.filter(slug__in=options["municipality"])
        if not municipalities.exists():
            raise CommandError("no such municipality")
        failed = False
        for municipality in municipalities:
            for document in documents:
                label = f"{municipality.slug}/{document.get('key', '?')}"
                try:
                    definition = definition_load(municipality=municipality, document=document)
                except DefinitionError as exc:
                    failed = True
                    self.stderr.write(f"{label}: refused")
                    for problem in exc.problems:
                        self.stderr.write(
                            f"  [{problem.code}] {problem.where}: {problem.message} "
                            f"/ {problem.message_en}"
                        )
                    continue
                if options["publish"]:
                    definition = definition_publish(definition=definition)
                self.stdout.write(f"{label}: v{definition.version} {definition.status}")
        if failed:
            raise CommandError("some definitions were refused (see above)")
