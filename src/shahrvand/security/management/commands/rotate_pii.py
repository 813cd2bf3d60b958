from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.management.base import BaseCommand

from shahrvand.security.fields import BlindIndexField, EncryptedTextField


class Command(BaseCommand):
    help = (
        "Re-encrypt every encrypted field (EncryptedTextField, in any app) with the newest "
        "SHAHRVAND_PII_KEYS key and recompute the blind indexes (after adding a key or "
        "changing SHAHRVAND_PII_INDEX_KEY)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        # Found through the app registry, so a new encrypted field is never forgotten here.
        for model in apps.get_models():
            fields = model._meta.concrete_fields
            encrypted = [f.name for f in fields if isinstance(f, EncryptedTextField)]
            if not encrypted:
                continue
            # Each BlindIndexField is recomputed from its source on save.
            indexes = [f.name for f in fields if isinstance(f, BlindIndexField)]
            rows = 0
            for row in model._base_manager.only("pk", *encrypted).iterator():
                row.save(update_fields=[*encrypted, *indexes])
                rows += 1
            label = model._meta.label
            self.stdout.write(f"{label}: re-encrypted {rows} rows ({', '.join(encrypted)})")
