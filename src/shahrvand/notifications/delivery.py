"""From outbox events to messages, and delivery with retries and backoff (as webhooks).

fan_out() reads report events after they commit, asks rules.py who gets what, renders
each message once and logs one Message per (event, channel, recipient); the unique
`dedupe_key` makes a second pass over the same event a no-op. deliver_due() leases due
messages, sends each through its channel (SMS provider, Django email, in-app row), logs
the attempt and schedules the retry or finishes. Nothing here runs inside a report's
transaction: a failing gateway can delay messages, never the workflow.
"""

from __future__ import annotations

import datetime as dt
import logging
import smtplib
import time
import urllib.parse
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from shahrvand.common.retry import LEASE, MAX_ATTEMPTS, backoff
from shahrvand.outbox.models import EventType, OutboxEvent
from shahrvand.reports.models import Report
from shahrvand.security.pii import blind_index
from shahrvand.tenancy.links import public_url

from . import rules, templates
from .models import Channel, HandledEvent, Message, MessageAttempt, Notification
from .providers import PermanentError, TransientError, sms_provider

log = logging.getLogger(__name__)

# Events older than this when first seen are not announced (a tracking code or a status
# SMS days late is noise); the initial migration marks the events already present as
# handled, so installing the app never messages anyone about the past.
FRESH_FOR = dt.timedelta(days=2)


def fan_out(limit: int = 200) -> int:
    """Plan the messages of events not yet handled; return how many events were handled."""
    pending = list(
        OutboxEvent.objects.filter(created_at__gte=timezone.now() - FRESH_FOR)
        .filter(~Exists(HandledEvent.objects.filter(event_id=OuterRef("pk"))))
        .order_by("created_at")[:limit]
    )
    # The batch's reports and the admin templates are read once, not once per event.
    codes = {str((e.payload.get("report") or {}).get("tracking_code", "")) for e in pending}
    reports = {r.tracking_code: r for r in _reports().filter(tracking_code__in=codes)}
    known = templates.all_templates() if pending else {}
    handled = 0
    for event in pending:
        try:
            with transaction.atomic():
                count = plan_event(event, reports=reports, known=known)
                HandledEvent.objects.bulk_create(
                    [HandledEvent(event_id=event.pk, messages=count)], ignore_conflicts=True
                )
            handled += 1
        except Exception:  # one bad event must not hold back the others; retried next run
            log.exception("notifications: planning event %s failed", event.pk)
    return handled


def _reports() -> Any:
    return Report.objects.select_related(
        "municipality",
        "category",
        "district",
        "assigned_department",
        "assigned_agency",
        "assigned_user",
        "duplicate_of",
    )


def plan_event(
    event: OutboxEvent,
    *,
    reports: dict[str, Report] | None = None,
    known: templates.TemplateRows | None = None,
) -> int:
    """Create the messages of one event; return how many rows were attempted. `reports`
    and `known`: the batch's reports by tracking code and the admin templates, when the
    caller (fan_out) read them already."""
    payload: dict[str, Any] = event.payload
    facts = payload.get("report") or {}
    code = str(facts.get("tracking_code", ""))
    if reports is not None:
        report = reports.get(code)
    else:
        report = _reports().filter(tracking_code=code).first()
    if report is None:
        return 0
    plans = rules.plans_for(event.type, payload, report)
    if not plans:
        return 0
    lang = templates.language()
    note = str(payload.get("note") or "")
    if event.type == EventType.REPORT_FEEDBACK:
        note = report.feedback_comment
    context = templates.context_for(
        report, lang=lang, status=str(facts.get("status", "")), note=note, at=event.created_at
    )
    rows: list[Message] = []
    now = timezone.now()
    for plan in plans:
        rendered: dict[str, templates.Rendered] = {}
        for recipient in plan.recipients:
            if recipient.channel not in rendered:
                rendered[recipient.channel] = templates.render(
                    key=plan.key,
                    channel=recipient.channel,
                    lang=lang,
                    context=templates.reporter_context(plan.key, report, context),
                    known=known,
                )
            text = rendered[recipient.channel]
            rows.append(
                Message(
                    municipality_id=event.municipality_id,
                    report=report,
                    user_id=recipient.user_id,
                    event_id=event.pk,
                    event_type=event.type,
                    template_key=plan.key,
                    channel=recipient.channel,
                    recipient=recipient.address,
                    subject=text.subject,
                    body=text.body,
                    # the address's blind index: no number in clear in a unique key
                    dedupe_key=f"{event.pk}:{recipient.channel}:{blind_index(recipient.address)}",
                    next_attempt_at=now,
                )
            )
    Message.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def enqueue_sms(*, report: Report, key: str, to: str, dedupe_key: str) -> Message | None:
    """Queue one SMS outside an event (e.g. the reply help); None if already queued."""
    lang = templates.language()
    context = templates.context_for(report, lang=lang, at=timezone.now())
    text = templates.render(key=key, channel=Channel.SMS, lang=lang, context=context)
    message, created = Message.objects.get_or_create(
        dedupe_key=dedupe_key,
        defaults={
            "municipality_id": report.municipality_id,
            "report": report,
            "template_key": key,
            "channel": Channel.SMS,
            "recipient": to,
            "body": text.body,
            "next_attempt_at": timezone.now(),
        },
    )
    return message if created else None


def _lease(limit: int) -> tuple[list[Message], dt.datetime]:
    now = timezone.now()
    until = now + LEASE
    with transaction.atomic():
        due = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(state=Message.State.QUEUED, next_attempt_at__lte=now)
            .order_by("next_attempt_at")[:limit]
        )
        Message.objects.filter(pk__in=[m.pk for m in due]).update(next_attempt_at=until)
    return due, until


def _claim(message: Message, leased_until: dt.datetime) -> bool:
    """Renew the lease of one message just before sending it, unless another worker took
    it over after the batch lease ran out (compare-and-set on the lease time)."""
    return bool(
        Message.objects.filter(
            pk=message.pk, state=Message.State.QUEUED, next_attempt_at=leased_until
        ).update(next_attempt_at=timezone.now() + LEASE)
    )


def _send_sms(message: Message) -> str:
    return sms_provider().send(message.recipient, message.body, reference=str(message.pk))


def _send_email(message: Message) -> str:
    host = urllib.parse.urlsplit(public_url(None, "/")).hostname or "shahrvand.local"
    message_id = make_msgid(domain=host)
    email = EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[message.recipient],
        headers={"Message-ID": message_id},
    )
    try:
        email.send()
    except smtplib.SMTPRecipientsRefused as exc:
        raise PermanentError(f"recipient refused: {exc}") from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise TransientError(f"SMTP: {exc}") from exc
    return message_id


def _send_in_app(message: Message) -> str:
    if message.user_id is None:
        raise PermanentError("in-app message without a user")
    notification, _ = Notification.objects.get_or_create(
        message=message,
        defaults={
            "user_id": message.user_id,
            "municipality_id": message.municipality_id,
            "report_id": message.report_id,
            "title": message.subject,
            "body": message.body,
        },
    )
    return f"notification:{notification.pk}"


SENDERS = {Channel.SMS: _send_sms, Channel.EMAIL: _send_email, Channel.IN_APP: _send_in_app}


def attempt(message: Message) -> bool:
    """Send once, log the attempt, and schedule the retry or finish. True if sent."""
    started = time.monotonic()
    provider, provider_id, error, permanent = "", "", "", False
    try:
        channel = Channel(message.channel)
        provider = sms_provider().name if channel == Channel.SMS else channel.value
        provider_id = SENDERS[channel](message)
    except PermanentError as exc:
        error, permanent = str(exc), True
    except TransientError as exc:
        error = str(exc)
    except Exception as exc:  # a bug or misconfiguration: logged, retried like a transient
        log.exception("notifications: sending message %s failed", message.pk)
        error = f"{type(exc).__name__}: {exc}"
    elapsed = int((time.monotonic() - started) * 1000)
    ok = not error
    now = timezone.now()
    attempts = message.attempts + 1
    with transaction.atomic():
        MessageAttempt.objects.create(
            message=message,
            number=MessageAttempt.objects.filter(message=message).count() + 1,
            ok=ok,
            permanent=permanent,
            error=error[:2000],
            duration_ms=elapsed,
        )
        fields: dict[str, object] = {"attempts": F("attempts") + 1, "last_error": error[:2000]}
        if provider:
            fields["provider"] = provider
        if ok:
            fields |= {
                "state": Message.State.SENT,
                "sent_at": now,
                "provider_message_id": provider_id[:100],
            }
        elif permanent or attempts >= MAX_ATTEMPTS:
            fields |= {"state": Message.State.FAILED}
        else:
            fields |= {"next_attempt_at": now + backoff(attempts)}
        Message.objects.filter(pk=message.pk).update(**fields)
    return ok


def deliver_due(limit: int = 100) -> int:
    """Attempt every message that is due; return how many were sent."""
    due, leased_until = _lease(limit)
    return sum(attempt(m) for m in due if _claim(m, leased_until))


def resend(message: Message) -> None:
    """Queue a failed (or any unsent) message again for a fresh round of attempts."""
    Message.objects.filter(pk=message.pk).exclude(state=Message.State.SENT).update(
        state=Message.State.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
