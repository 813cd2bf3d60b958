"""Process mining: how long cases wait in each step and unit, and where they stall.

Time in step is counted in business hours of the case's municipality, from the step's
(latest) activation to its decision, minus the working hours it spent suspended — the same
clock its deadline runs on. A step returned to the applicant and answered is measured on its
last round; its returns are counted separately. Median is the middle value (mean of the two
middle ones); p90 is the nearest-rank 90th percentile (the smallest value with at least 90%
of the values at or below it).

`process_mining` takes an already-scoped queryset of steps (from `steps_visible_to`, or
`steps_of_municipalities` for the analytics that compare municipalities) and returns plain
data classes, so that dashboards and exports read the same figures.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db.models import QuerySet
from django.utils import timezone

from shahrvand.deadlines.business_hours import WorkCalendar, business_hours_between
from shahrvand.deadlines.calendar import calendar_for
from shahrvand.eservices.models import CaseStep

# Histogram buckets in business hours (8 working hours = one working day).
BUCKETS: tuple[tuple[float, float, str], ...] = (
    (0, 8, "کمتر از ۱ روز کاری"),
    (8, 24, "۱ تا ۳ روز کاری"),
    (24, 40, "۳ تا ۵ روز کاری"),
    (40, 80, "۵ تا ۱۰ روز کاری"),
    (80, math.inf, "بیش از ۱۰ روز کاری"),
)
DECIDED = (CaseStep.Status.APPROVED, CaseStep.Status.REJECTED)
OPEN = (CaseStep.Status.ACTIVE, CaseStep.Status.SUSPENDED)


class _Clock:
    """Business hours between two moments as a difference of cumulative working hours since
    an epoch (prefix sums per day), so that a long step costs O(1) after the first call
    instead of a walk over every day it lasted. Same result as business_hours_between."""

    EPOCH = dt.date(2020, 1, 1)

    def __init__(self, calendar: WorkCalendar) -> None:
        self.calendar = calendar
        self.prefix: list[float] = [0.0]  # working hours before EPOCH + i days

    def _before(self, day: dt.date) -> float:
        index = (day - self.EPOCH).days
        while len(self.prefix) <= index:
            current = self.EPOCH + dt.timedelta(days=len(self.prefix) - 1)
            win = self.calendar.window(current)
            hours = (win[1] - win[0]).total_seconds() / 3600 if win else 0.0
            self.prefix.append(self.prefix[-1] + hours)
        return self.prefix[index]

    def _cumulative(self, moment: dt.datetime) -> float:
        local = moment.astimezone(self.calendar.tz)
        day = local.date()
        total = self._before(day)
        win = self.calendar.window(day)
        if win is not None:
            inside = min(max(local, win[0]), win[1]) - win[0]
            total += inside.total_seconds() / 3600
        return total

    def between(self, start: dt.datetime, end: dt.datetime) -> float:
        if end <= start:
            return 0.0
        if start.astimezone(self.calendar.tz).date() < self.EPOCH:
            return business_hours_between(start, end, self.calendar)
        return self._cumulative(end) - self._cumulative(start)


def median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def p90(values: list[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(math.ceil(0.9 * len(ordered)) - 1, 0)]


@dataclass
class Figures:
    """The figures shared by a step of a process and by a unit."""

    durations: list[float] = field(default_factory=list)
    started: int = 0  # steps that were ever activated
    decided: int = 0  # approved or rejected
    rejected: int = 0
    returned: int = 0  # steps returned to the applicant at least once
    returns: int = 0  # every return, counting rounds
    open: int = 0
    overdue_open: int = 0  # open now and past the deadline
    decided_late: int = 0  # decided after the deadline
    waiting_hours: float = 0.0  # business hours the open steps have waited so far

    @property
    def median_hours(self) -> float | None:
        return median(self.durations)

    @property
    def p90_hours(self) -> float | None:
        return p90(self.durations)

    @property
    def mean_hours(self) -> float | None:
        return sum(self.durations) / len(self.durations) if self.durations else None

    @property
    def return_share(self) -> float | None:
        return self.returned / self.started if self.started else None

    @property
    def rejection_share(self) -> float | None:
        return self.rejected / self.decided if self.decided else None

    @property
    def overdue(self) -> int:
        return self.overdue_open + self.decided_late

    @property
    def histogram(self) -> list[tuple[str, int]]:
        return [
            (label, sum(1 for d in self.durations if lo <= d < hi)) for lo, hi, label in BUCKETS
        ]


@dataclass
class StepFigures(Figures):
    service_key: str = ""
    service_name: str = ""
    step_key: str = ""
    step_name: str = ""
    unit_name: str = ""
    position: int = 0


@dataclass
class UnitFigures(Figures):
    unit_ref: str = ""
    unit_name: str = ""


@dataclass
class ProcessMining:
    service_key: str
    service_name: str
    cases: set[int] = field(default_factory=set)
    overdue_cases: set[int] = field(default_factory=set)
    steps: list[StepFigures] = field(default_factory=list)

    @property
    def case_count(self) -> int:
        return len(self.cases)

    @property
    def overdue_case_count(self) -> int:
        return len(self.overdue_cases)


@dataclass
class MiningReport:
    processes: list[ProcessMining]
    units: list[UnitFigures]  # where cases wait longest first
    bottlenecks: list[StepFigures]  # steps where cases wait longest first


def _wait_key(figures: Figures) -> tuple[float, float, int]:
    return (figures.median_hours or 0.0, figures.waiting_hours, figures.overdue)


@dataclass(frozen=True)
class _Measure:
    """One step's contribution, computed once and folded into the step's and unit's figures."""

    started: bool
    returns: int
    decided_hours: float | None  # approved or rejected: time in step
    rejected: bool
    late: bool
    open_hours: float | None  # open: business hours waited so far
    overdue_open: bool


def _measure(step: _Row, clock: _Clock, now: dt.datetime) -> _Measure:
    if step.started_at is None:
        return _Measure(False, 0, None, False, False, None, False)
    if step.status in DECIDED and step.decided_at is not None:
        hours = clock.between(step.started_at, step.decided_at)
        late = step.deadline is not None and step.decided_at > step.deadline
        return _Measure(
            True,
            step.return_count,
            round(max(hours - step.paused_hours, 0.0), 4),
            step.status == CaseStep.Status.REJECTED,
            late,
            None,
            False,
        )
    if step.status in OPEN:
        hours = clock.between(step.started_at, step.suspended_at or now)
        overdue = step.deadline is not None and step.deadline < now
        return _Measure(
            True, step.return_count, None, False, False, max(hours - step.paused_hours, 0.0),
            overdue,
        )  # fmt: skip
    return _Measure(True, step.return_count, None, False, False, None, False)


def _add(figures: Figures, m: _Measure) -> bool:
    """Fold one measured step into `figures`; True if it is overdue (open or decided late)."""
    if not m.started:
        return False
    figures.started += 1
    figures.returns += m.returns
    figures.returned += 1 if m.returns else 0
    if m.decided_hours is not None:
        figures.decided += 1
        figures.rejected += 1 if m.rejected else 0
        figures.durations.append(m.decided_hours)
        figures.decided_late += 1 if m.late else 0
    if m.open_hours is not None:
        figures.open += 1
        figures.waiting_hours += m.open_hours
        figures.overdue_open += 1 if m.overdue_open else 0
    return m.late or m.overdue_open


class _Row(NamedTuple):
    """The columns mining reads of one step (plain values: no model instances to build)."""

    case_id: int
    municipality_id: int
    service_key: str
    service_name: str
    key: str
    name_fa: str
    position: int
    kind: str
    status: str
    started_at: dt.datetime | None
    decided_at: dt.datetime | None
    deadline: dt.datetime | None
    suspended_at: dt.datetime | None
    paused_hours: float
    return_count: int
    department_code: str | None
    department_name: str | None
    agency_code: str | None
    agency_name: str | None


_COLUMNS = (
    "case_id",
    "case__municipality_id",
    "case__service__key",
    "case__service__name_fa",
    "key",
    "name_fa",
    "position",
    "kind",
    "status",
    "started_at",
    "decided_at",
    "deadline",
    "suspended_at",
    "paused_hours",
    "return_count",
    "department__code",
    "department__name_fa",
    "agency__code",
    "agency__name_fa",
)


def process_mining(*, steps: QuerySet[CaseStep], now: dt.datetime | None = None) -> MiningReport:
    """Figures per process and step, per unit, and the bottlenecks, over `steps`."""
    now = now or timezone.now()
    clocks: dict[int, _Clock] = {}
    processes: dict[str, ProcessMining] = {}
    by_step: dict[tuple[str, str], StepFigures] = {}
    by_unit: dict[str, UnitFigures] = {}
    rows = steps.order_by("case__service__key", "position", "id").values_list(*_COLUMNS)
    for values in rows.iterator(chunk_size=5000):
        step = _Row(*values)
        if step.municipality_id not in clocks:
            clocks[step.municipality_id] = _Clock(calendar_for(step.municipality_id))
        measure = _measure(step, clocks[step.municipality_id], now)
        process = processes.setdefault(
            step.service_key,
            ProcessMining(service_key=step.service_key, service_name=step.service_name),
        )
        process.cases.add(step.case_id)
        unit_name = step.department_name or step.agency_name or "—"
        figures = by_step.get((step.service_key, step.key))
        if figures is None:
            figures = StepFigures(
                service_key=step.service_key,
                service_name=step.service_name,
                step_key=step.key,
                step_name=step.name_fa,
                unit_name=unit_name,
                position=step.position,
            )
            by_step[(step.service_key, step.key)] = figures
            process.steps.append(figures)
        if _add(figures, measure):
            process.overdue_cases.add(step.case_id)
        if step.kind == CaseStep.Kind.PAYMENT:
            continue  # the applicant holds a payment step, not a unit
        if step.department_code is not None:
            ref = f"department:{step.department_code}"
        else:
            ref = f"agency:{step.agency_code}"
        unit_figures = by_unit.setdefault(ref, UnitFigures(unit_ref=ref, unit_name=unit_name))
        _add(unit_figures, measure)
    for process in processes.values():
        process.steps.sort(key=lambda s: s.position)
    staffed = [s for s in by_step.values() if s.started]
    return MiningReport(
        processes=sorted(processes.values(), key=lambda p: p.service_name),
        units=sorted(by_unit.values(), key=_wait_key, reverse=True),
        bottlenecks=sorted(staffed, key=_wait_key, reverse=True)[:10],
    )


def steps_of_municipalities(municipality_ids: Iterable[int]) -> QuerySet[CaseStep]:
    """All steps of these municipalities — for analytics that have already decided what the
    reader may see (the province view, scorecards)."""
    return CaseStep.objects.filter(case__municipality_id__in=list(municipality_ids))
