from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from shahrvand.notifications.models import InboundSms, Message
from shahrvand.reports.models import Report, ReportFollower


# Here and not in reports: it also rotates the notification log, which depends on reports.
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
        messages = inbound = 0
        for message in Message.objects.exclude(recipient="").only("pk", "recipient"):
            message.save(update_fields=["recipient", "recipient_index"])
            messages += 1
        for sms in InboundSms.objects.exclude(sender="").only("pk", "sender"):
            sms.save(update_fields=["sender"])
            inbound += 1
        self.stdout.write(
            f"re-encrypted {reports} reporter phones, {followers} followers, "
            f"{messages} message recipients and {inbound} inbound SMS senders"
        )
