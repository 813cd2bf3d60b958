from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from shahrvand.reports.learning import retrain


class Command(BaseCommand):
    help = "Retrain the report classifier with staff corrections (promoted only if not worse)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(json.dumps(retrain(), ensure_ascii=False))
