"""SMS replies to a resolution message: "1" accepts the resolution, "2" disputes it.

The report is the one of the most recent resolution message sent to the replying number
(within REPLY_WINDOW). Anything else is logged; when that report is still waiting for
an answer, the number gets one short help SMS per resolution message (never more, so an
auto-responder cannot start a ping-pong). Each provider message id is handled once.

Followers get the resolution message too, but only the reporter answers it (decision
0032): a "1" or "2" counts when the number is the report's reporter's, or the reporter's
of a report merged into it; a follower's is logged as `not_reporter` and changes nothing.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from shahrvand.common.persian import normalize_digits, normalize_mobile
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report
from shahrvand.reports.services import report_feedback
from shahrvand.reports.workflow import Status
from shahrvand.security.pii import blind_index

from .delivery import enqueue_sms
from .models import Channel, InboundSms, Message
from .rules import HELP_KEY, MERGE_DEPTH, RESOLUTION_KEY

REPLY_WINDOW = dt.timedelta(days=30)
# Whitespace, invisible marks and trailing punctuation people add around a digit.
_NOISE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\ufeff.,،!؟?]+")
_ANSWERS = {"1": True, "2": False}


def parse_answer(text: str) -> bool | None:
    """True for 1, False for 2 (any digit script, spaces tolerated), None otherwise."""
    return _ANSWERS.get(_NOISE.sub("", normalize_digits(text or "")))


def latest_resolution(phone: str) -> Message | None:
    return (
        Message.objects.select_related("report")
        .filter(
            channel=Channel.SMS,
            recipient_index=blind_index(phone),
            template_key=RESOLUTION_KEY,
            report__isnull=False,
            created_at__gte=timezone.now() - REPLY_WINDOW,
        )
        .order_by("-created_at", "-pk")
        .first()
    )


def is_reporter_number(report: Report, phone: str, depth: int = MERGE_DEPTH) -> bool:
    """Whether `phone` reported `report` or a report merged into it (as deep as the
    notification rules look, rules.MERGE_DEPTH)."""
    index = blind_index(phone)
    level = [report.pk]
    for _ in range(depth):
        if Report.objects.filter(pk__in=level, reporter_phone_index=index).exists():
            return True
        level = list(Report.objects.filter(duplicate_of__in=level).values_list("pk", flat=True))
        if not level:
            return False
    return False


def receive_sms(
    *, provider: str, message_id: str, sender: str, receiver: str, text: str
) -> InboundSms:
    """Record an incoming SMS and act on it; a repeated (provider, message id) returns the
    first record and does nothing."""
    try:
        with transaction.atomic():
            inbound = InboundSms.objects.create(
                provider=provider,
                provider_message_id=message_id,
                sender=sender,
                receiver=receiver,
                text=text,
                outcome=InboundSms.Outcome.NOT_UNDERSTOOD,
            )
            _act(inbound)
            inbound.save(update_fields=["outcome", "report", "detail"])
    except IntegrityError:
        existing = InboundSms.objects.filter(
            provider=provider, provider_message_id=message_id
        ).first()
        if existing is None:
            raise
        return existing
    return inbound


def _act(inbound: InboundSms) -> None:
    phone = normalize_mobile(inbound.sender)
    resolution = latest_resolution(phone) if phone else None
    if phone is None or resolution is None or resolution.report is None:
        inbound.outcome = InboundSms.Outcome.NO_REPORT
        return
    report = resolution.report
    inbound.report = report
    answer = parse_answer(inbound.text)
    if answer is None:
        inbound.outcome = InboundSms.Outcome.NOT_UNDERSTOOD
        if report.status == Status.RESOLVED:
            enqueue_sms(report=report, key=HELP_KEY, to=phone, dedupe_key=f"help:{resolution.pk}")
        return
    if not is_reporter_number(report, phone):
        inbound.outcome = InboundSms.Outcome.NOT_REPORTER
        inbound.detail = "The number follows the report but did not report it."
        return
    try:
        report_feedback(report=report, accepted=answer, via="sms")
    except ReportError as exc:
        inbound.outcome = InboundSms.Outcome.NOT_AWAITING
        inbound.detail = exc.message_en
        return
    inbound.outcome = InboundSms.Outcome.ACCEPTED if answer else InboundSms.Outcome.DISPUTED
