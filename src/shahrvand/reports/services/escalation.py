"""Deadline escalation: warn the assignee at 75%, flag and tell the manager at the
deadline, and escalate to the municipality admin at the second threshold.

Run periodically (Celery beat in production, the embedded worker in `make run`). Each
step happens once per report (sla_state moves forward only), and a report on hold is
skipped: its clock is stopped.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from shahrvand.ops.metrics import DEADLINE_BREACHES
from shahrvand.outbox.models import EventType
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.workflow import OPEN_STATUSES, Status

from .events import emit
from .history import record_event

STEPS = (
    ("warned", "warn_at", ("",), EventType.REPORT_DEADLINE_WARNING, "۷۵٪ مهلت رسیدگی گذشته است."),
    (
        "breached",
        "deadline",
        ("", "warned"),
        EventType.REPORT_DEADLINE_BREACHED,
        "مهلت رسیدگی گذشت.",
    ),
    (
        "escalated",
        "escalate_at",
        ("", "warned", "breached"),
        EventType.REPORT_ESCALATED,
        "گزارش به مدیر سامانه شهرداری ارجاع شد (تأخیر جدی).",
    ),
)
BATCH = 500


def escalate_due(now: dt.datetime | None = None) -> dict[str, int]:
    """Apply every escalation step that is due; return how many reports each step touched."""
    now = now or timezone.now()
    active = OPEN_STATUSES - {Status.ON_HOLD}
    done: dict[str, int] = {}
    for state, field, before, event_type, note in STEPS:
        count = 0
        while True:
            with transaction.atomic():
                batch = list(
                    Report.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related(
                        "municipality",
                        "category",
                        "district",
                        "assigned_department",
                        "assigned_agency",
                    )
                    .filter(status__in=active, sla_state__in=before, **{f"{field}__lte": now})
                    .order_by(field)[:BATCH]
                )
                for report in batch:
                    report.sla_state = state
                    report.save(update_fields=["sla_state"])
                    record_event(
                        report,
                        ReportEvent.Kind.DEADLINE,
                        actor=None,
                        label="سامانه",
                        note=note,
                        public=False,
                        data={
                            "sla_state": state,
                            "deadline": report.deadline.isoformat() if report.deadline else None,
                        },
                    )
                    emit(event_type, report, sla_state=state)
            count += len(batch)
            if len(batch) < BATCH:
                break
        done[state] = count
    DEADLINE_BREACHES.inc(done["breached"])
    return done
