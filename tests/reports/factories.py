"""Factories of reports: one freshly submitted, or one driven to a status along legal moves."""

from __future__ import annotations

from collections import deque
from typing import Any

from django.contrib.auth.models import User

from shahrvand.categories.models import Category
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.services import ReportInput, report_create, report_transition
from shahrvand.reports.workflow import TRANSITIONS, Status
from shahrvand.tenancy.models import Municipality
from tests.categories.factories import category
from tests.tenancy.factories import INSIDE_WEST


def report(
    muni: Municipality,
    cat: Category | None = None,
    *,
    description: str = "چاله بزرگ وسط خیابان",
    where: tuple[float, float] = INSIDE_WEST,
    channel: str = Channel.WEB,
    **extra: Any,
) -> Report:
    cat = cat or Category.objects.filter(municipality=muni).first() or category(muni)
    return report_create(
        data=ReportInput(
            municipality=muni,
            category_code=cat.code,
            description=description,
            channel=channel,
            lat=where[0],
            lon=where[1],
            **extra,
        )
    )


def status_path(target: str) -> list[Status]:
    """The shortest chain of legal moves from `submitted` to `target` (BFS over TRANSITIONS)."""
    start, goal = Status.SUBMITTED, Status(target)
    previous: dict[Status, Status | None] = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if current == goal:
            path: list[Status] = []
            step: Status | None = current
            while step is not None and step != start:
                path.append(step)
                step = previous[step]
            return path[::-1]
        for nxt in sorted(TRANSITIONS[current]):
            if nxt not in previous:
                previous[nxt] = current
                queue.append(nxt)
    raise ValueError(f"{target} is unreachable from submitted")


def report_in_status(
    muni: Municipality,
    status: str,
    cat: Category | None = None,
    *,
    actor: User | None = None,
    **extra: Any,
) -> Report:
    """A report driven to `status` by report_transition along legal moves (never by setting
    the field), so its history and timestamps are what production would have written."""
    created = report(muni, cat, **extra)
    for step in status_path(status):
        parent = report(muni, created.category) if step == Status.DUPLICATE else None
        report_transition(
            report=created,
            to_status=step,
            actor=actor,
            note=f"رفتن به {step.label}",
            duplicate_of=parent,
        )
    created.refresh_from_db()
    assert created.status == status
    return created
