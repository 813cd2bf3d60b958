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


def _add(figures: Figures, step: CaseStep, calendar: WorkCalendar, now: dt.datetime) -> bool:
    """Fold `step` into `figures`; True if the step is overdue (open or decided late)."""
    if step.started_at is None:
        return False
    figures.started += 1
    figures.returns += step.return_count
    figures.returned += 1 if step.return_count else 0
    overdue = False
    if step.status in DECIDED and step.decided_at is not None:
        figures.decided += 1
        figures.rejected += 1 if step.status == CaseStep.Status.REJECTED else 0
        hours = business_hours_between(step.started_at, step.decided_at, calendar)
        figures.durations.append(round(max(hours - step.paused_hours, 0.0), 4))
        if step.deadline is not None and step.decided_at > step.deadline:
            figures.decided_late += 1
            overdue = True
    elif step.status in OPEN:
        figures.open += 1
        until = step.suspended_at or now
        hours = business_hours_between(step.started_at, until, calendar)
        figures.waiting_hours += max(hours - step.paused_hours, 0.0)
        if step.deadline is not None and step.deadline < now:
            figures.overdue_open += 1
            overdue = True
    return overdue


def process_mining(*, steps: QuerySet[CaseStep], now: dt.datetime | None = None) -> MiningReport:
    """Figures per process and step, per unit, and the bottlenecks, over `steps`."""
    now = now or timezone.now()
    calendars: dict[int, WorkCalendar] = {}
    processes: dict[str, ProcessMining] = {}
    by_step: dict[tuple[str, str], StepFigures] = {}
    by_unit: dict[str, UnitFigures] = {}
    rows: Iterable[CaseStep] = steps.select_related(
        "case__service", "department", "agency"
    ).order_by("case__service__key", "position", "id")
    for step in rows:
        case = step.case
        municipality_id = case.municipality_id
        if municipality_id not in calendars:
            calendars[municipality_id] = calendar_for(municipality_id)
        calendar = calendars[municipality_id]
        service = case.service
        process = processes.setdefault(
            service.key, ProcessMining(service_key=service.key, service_name=service.name_fa)
        )
        process.cases.add(case.pk)
        unit = step.unit
        unit_name = unit.name_fa if unit is not None else "—"
        figures = by_step.get((service.key, step.key))
        if figures is None:
            figures = StepFigures(
                service_key=service.key,
                service_name=service.name_fa,
                step_key=step.key,
                step_name=step.name_fa,
                unit_name=unit_name,
                position=step.position,
            )
            by_step[(service.key, step.key)] = figures
            process.steps.append(figures)
        if _add(figures, step, calendar, now):
            process.overdue_cases.add(case.pk)
        if step.kind == CaseStep.Kind.PAYMENT:
            continue  # the applicant holds a payment step, not a unit
        ref = step.unit_ref
        unit_figures = by_unit.setdefault(ref, UnitFigures(unit_ref=ref, unit_name=unit_name))
        _add(unit_figures, step, calendar, now)
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
