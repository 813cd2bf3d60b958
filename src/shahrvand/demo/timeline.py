"""When each step of a demo report happened, and rewriting the stored timestamps to match.

The services stamp everything with the real clock, so a freshly loaded demo would show 400
reports all made in the same minute. After a report is built, its rows are moved back in
time to the moments planned here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from django.db.models import Case, DateTimeField, Value, When

from shahrvand.categories.models import Category
from shahrvand.reports.models import Attachment, Report, ReportEvent
from shahrvand.reports.services.deadline import clock_for
from shahrvand.reports.workflow import Status

# Hours from the previous step to this one: (low, high), drawn uniformly.
STEP_HOURS: dict[str, tuple[float, float]] = {
    "triage": (0.2, 8),
    "assign": (0.1, 6),
    "forward": (2, 48),
    "start": (1, 48),
    "note": (0.5, 24),
    "hold": (4, 72),
    "accept": (2, 72),
    "dispute": (2, 72),
    "close": (168, 192),  # closed by staff a week after resolution without an answer
    "reject": (0.5, 24),
    "duplicate": (0.2, 12),
    "reopen": (24, 96),
}
CLOSING_STEPS = {"accept", "close", "reject", "duplicate"}


def step_times(
    rng: random.Random, path: list[str], created: dt.datetime, target_hours: int, now: dt.datetime
) -> list[dt.datetime]:
    """A time for every step of `path`, increasing, all before `now`.

    Resolution takes between a third and two and a half times the category's target (in
    clock hours, so some resolutions are late). A path too long for the time since
    `created` is squeezed proportionally to end somewhat before `now`.
    """
    times: list[dt.datetime] = []
    at = created
    for step in path:
        low, high = STEP_HOURS.get(step, (target_hours * 0.3, target_hours * 2.5))
        at += dt.timedelta(hours=rng.uniform(low, high))
        times.append(at)
    if times and times[-1] > now - dt.timedelta(minutes=5):
        end = created + (now - created) * rng.uniform(0.6, 0.98)
        factor = (end - created) / (times[-1] - created)
        times = [created + (t - created) * factor for t in times]
    return times


def backdate(
    report: Report,
    category: Category,
    created: dt.datetime,
    steps: Sequence[tuple[str, dt.datetime, list[int]]],
    created_event_ids: list[int],
) -> None:
    """Move `report`, its history and its attachments to the planned times, and restart
    its clock (deadline, warning and escalation points) from the backdated creation.

    `steps` holds (step name, time, ids of the events the step wrote). Seeding only:
    ReportEventQuerySet.backdate_for_seeding is the one named way round the history's
    append-only guard; nothing but seeding may ever rewrite history.
    """
    whens = [When(pk=pk, then=Value(created)) for pk in created_event_ids]
    whens += [When(pk=pk, then=Value(at)) for _, at, ids in steps for pk in ids]
    ReportEvent.objects.filter(report_id=report.pk).backdate_for_seeding(
        Case(*whens, default=Value(created), output_field=DateTimeField())
    )
    Attachment.objects.filter(report_id=report.pk).update(created_at=created)
    clock = clock_for(category, report.priority, created)
    fields: dict[str, dt.datetime | None] = {
        "created_at": created,
        "updated_at": steps[-1][1] if steps else created,
        "deadline": clock.deadline,
        "warn_at": clock.warn_at,
        "escalate_at": clock.escalate_at,
    }
    if report.status == Status.ON_HOLD:  # the demo's holds are never resumed
        fields["on_hold_since"] = next(at for name, at, _ in reversed(steps) if name == "hold")
    if report.first_response_at is not None:
        fields["first_response_at"] = steps[0][1]
    if report.resolved_at is not None:
        fields["resolved_at"] = next(at for name, at, _ in reversed(steps) if name == "resolve")
    if report.closed_at is not None:
        fields["closed_at"] = next(at for name, at, _ in reversed(steps) if name in CLOSING_STEPS)
    Report.objects.filter(pk=report.pk).update(**fields)
