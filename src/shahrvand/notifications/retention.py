"""The SMS log's share of report retention: phone numbers of anonymised reports go.

`reports/services/retention.py` calls `anonymise_for_reports` inside its transaction for
each batch of reports it anonymises; apps.py registers it there.
"""

from __future__ import annotations

from django.db.models import F, Value
from django.db.models.functions import Concat

from .models import Channel, InboundSms, Message


def anonymise_for_reports(report_ids: list[int]) -> None:
    """Blank the recipients of SMS messages and the senders of inbound SMS of these reports."""
    Message.objects.filter(report_id__in=report_ids, channel=Channel.SMS).update(
        recipient="", recipient_index="", dedupe_key=Concat(Value("anonymised:"), F("pk"))
    )
    InboundSms.objects.filter(report_id__in=report_ids).update(sender="")
