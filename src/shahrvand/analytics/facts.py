"""From raw reports and their history to additive counters (definitions: docs/kpis.md).

Everything here is pure: rows in, accumulators out, so the rollup builder and the tests
share one definition of every KPI.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from shahrvand.reports.models import Channel
from shahrvand.reports.workflow import OPEN_STATUSES, Status

from . import histogram

# The fields of Report the builder reads, in this order.
REPORT_FIELDS = (
    "id",
    "created_at",
    "district_id",
    "assigned_department_id",
    "assigned_agency_id",
    "standard_id",
    "channel",
    "status",
    "deadline",
    "resolved_at",
    "closed_at",
    "first_response_at",
    "satisfaction",
    "duplicate_of_id",
    "auto_categorised",
    "h3_cell",
)
DIGITAL_CHANNELS = frozenset({Channel.WEB, Channel.APP, Channel.API})
RESOLVED_STATUSES = frozenset({Status.RESOLVED, Status.CLOSED})
REOPEN_WINDOW = dt.timedelta(days=30)
_OPEN = frozenset(s.value for s in OPEN_STATUSES)
_RESOLVED = frozenset(s.value for s in RESOLVED_STATUSES)
_DIGITAL = frozenset(c.value for c in DIGITAL_CHANNELS)

COUNTER_FIELDS = (
    "received",
    "open",
    "closed",
    "resolved",
    "with_deadline",
    "within_deadline",
    "responded",
    "reopen_base",
    "reopened",
    "feedback",
    "accepted",
    "satisfaction_sum",
    "satisfaction_count",
    "duplicates",
    "auto_categorised",
    "corrected",
    "digital",
)


@dataclass
class History:
    """What the history of one report says: resolved at least once, reopened within 30
    days of a resolution, feedback verdicts, a category correction by staff."""

    resolved_once: bool = False
    reopened: bool = False
    feedback: int = 0
    accepted: int = 0
    corrected: bool = False
    _last_resolution: dt.datetime | None = None

    def add(self, kind: str, from_status: str, to_status: str, at: dt.datetime, data: Any,
            actor_id: int | None) -> None:  # fmt: skip
        if kind == "status":
            if to_status in _RESOLVED:
                self.resolved_once = True
                self._last_resolution = at
            elif (
                to_status == Status.REOPENED
                and from_status in _RESOLVED
                and self._last_resolution is not None
                and at - self._last_resolution <= REOPEN_WINDOW
            ):
                self.reopened = True
        elif kind == "feedback":
            self.feedback += 1
            if isinstance(data, dict) and data.get("accepted"):
                self.accepted += 1
        elif kind == "category" and actor_id is not None:
            self.corrected = True


@dataclass
class Acc:
    """Counters of one group (same names as analytics.models.KpiCounts)."""

    counts: list[int] = field(default_factory=lambda: [0] * len(COUNTER_FIELDS))
    resolve_hist: histogram.Histogram = field(default_factory=dict)
    response_hist: histogram.Histogram = field(default_factory=dict)

    def as_fields(self) -> dict[str, Any]:
        return dict(zip(COUNTER_FIELDS, self.counts, strict=True)) | {
            "resolve_hist": self.resolve_hist,
            "response_hist": self.response_hist,
        }


@dataclass(frozen=True)
class Fact:
    """One report reduced to its contributions."""

    counts: tuple[int, ...]
    resolve_hours: float | None
    response_hours: float | None
    # Histogram keys, computed once per report (a report is added to six groups).
    resolve_bucket: str | None = None
    response_bucket: str | None = None


def _hours(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).total_seconds() / 3600


def fact_of(row: tuple[Any, ...], history: History | None) -> Fact:
    (_id, created, _district, _dept, _agency, _std, channel, status, deadline, resolved_at,
     closed_at, first_response_at, satisfaction, duplicate_of, auto, _cell) = row  # fmt: skip
    h = history or History()
    is_open = status in _OPEN
    resolved = status in _RESOLVED
    finished = (resolved_at or closed_at) if resolved else None
    resolve_hours = _hours(created, finished) if finished is not None else None
    with_deadline = finished is not None and deadline is not None
    within = with_deadline and finished <= deadline
    response_hours = _hours(created, first_response_at) if first_response_at else None
    counts = (
        1,
        int(is_open),
        int(not is_open),
        int(resolved),
        int(with_deadline),
        int(within),
        int(response_hours is not None),
        int(h.resolved_once or resolved),
        int(h.reopened),
        h.feedback,
        h.accepted,
        satisfaction or 0,
        int(satisfaction is not None),
        int(duplicate_of is not None or status == Status.DUPLICATE),
        int(bool(auto)),
        int(h.corrected),
        int(channel in _DIGITAL),
    )
    return Fact(
        counts,
        resolve_hours,
        response_hours,
        str(histogram.bucket_of(resolve_hours)) if resolve_hours is not None else None,
        str(histogram.bucket_of(response_hours)) if response_hours is not None else None,
    )


def add_fact(acc: Acc, fact: Fact) -> None:
    acc.counts = list(map(operator.add, acc.counts, fact.counts))
    key = fact.resolve_bucket
    if key is not None:
        acc.resolve_hist[key] = acc.resolve_hist.get(key, 0) + 1
    key = fact.response_bucket
    if key is not None:
        acc.response_hist[key] = acc.response_hist.get(key, 0) + 1


def histories(events: Iterable[tuple[Any, ...]]) -> dict[int, History]:
    """Events as (report_id, kind, from_status, to_status, created_at, data, actor_id),
    ordered by time."""
    out: dict[int, History] = {}
    for report_id, kind, from_status, to_status, at, data, actor_id in events:
        h = out.get(report_id)
        if h is None:
            h = out[report_id] = History()
        h.add(kind, from_status, to_status, at, data, actor_id)
    return out
