"""SMS replies to a resolution message: "1" accepts the resolution, "2" disputes it.

The report is the one of the most recent resolution message sent to the replying number
(within REPLY_WINDOW). Anything else is logged; when that report is still waiting for
an answer, the number gets one short help SMS per resolution message (never more, so an
auto-responder cannot start a ping-pong). Each provider message id is handled once.
"""

from __future__ import annotations

import datetime as dt
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from shahrvand.common.persian import normalize_digits, normalize_mobile
from shahrvand.reports.errors import ReportError
from shahrvand.reports.services import report_feedback
from shahrvand.reports.workflow import Status
from shahrvand.security.pii import blind_index

from .delivery import enqueue_sms
from .models import Channel, InboundSms, Message
from .rules import HELP_KEY, RESOLUTION_KEY

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
    try:
        report_feedback(report=report, accepted=answer, via="sms")
    except ReportError as exc:
        inbound.outcome = InboundSms.Outcome.NOT_AWAITING
        inbound.detail = exc.message_en
        return
    inbound.outcome = InboundSms.Outcome.ACCEPTED if answer else InboundSms.Outcome.DISPUTED
