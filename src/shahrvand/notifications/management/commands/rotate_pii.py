from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from shahrvand.reports.models import Report, ReportFollower


class Command(BaseCommand):
    help = (
        "Re-encrypt stored phone numbers with the newest SHAHRVAND_PII_KEYS key and recompute "
        "their blind index (after adding a key or changing SHAHRVAND_PII_INDEX_KEY)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        reports = followers = 0
        for report in Report.objects.exclude(reporter_phone="").only("pk", "reporter_phone"):
            report.save(update_fields=["reporter_phone"])  # save() re-encrypts and re-indexes
            reports += 1
        for follower in ReportFollower.objects.only("pk", "phone"):
            follower.save(update_fields=["phone"])
            followers += 1
        self.stdout.write(f"re-encrypted {reports} reporter phones and {followers} followers")
