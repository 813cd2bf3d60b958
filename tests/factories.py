"""One factory per model, building the smallest valid objects for tests.

Geometry: a test municipality is a 0.1° square around (35.70, 51.40) split into two
districts along longitude 51.40 (district 1 west, district 2 east).
"""

from __future__ import annotations

import itertools
from collections import deque
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser, User

from shahrvand.categories.models import Category, StandardCategory
from shahrvand.categories.services import load_standard_categories
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.services import ReportInput, report_create, report_transition
from shahrvand.reports.workflow import TRANSITIONS, Status
from shahrvand.tenancy.geo import boundary_bbox
from shahrvand.tenancy.models import (
    Department,
    District,
    ExternalAgency,
    Municipality,
    Role,
    StaffProfile,
)

_seq = itertools.count(1)
PASSWORD = "test-pass-123"
INSIDE_WEST = (35.70, 51.37)
INSIDE_EAST = (35.70, 51.43)
OUTSIDE = (35.90, 51.90)


def _square(lat0: float, lat1: float, lon0: float, lon1: float) -> dict[str, Any]:
    return {
        "type": "Polygon",
        "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]],
    }


def municipality(
    slug: str | None = None, *, lat: float = 35.70, lon: float = 51.40
) -> Municipality:
    n = next(_seq)
    muni = Municipality.objects.create(
        slug=slug or f"city{n}",
        name_fa=f"شهر {n}",
        name_en=f"City {n}",
        population=100_000,
        center_lat=lat,
        center_lon=lon,
    )
    district(muni, 1, _square(lat - 0.05, lat + 0.05, lon - 0.05, lon))
    district(muni, 2, _square(lat - 0.05, lat + 0.05, lon, lon + 0.05))
    return muni


def district(muni: Municipality, number: int, boundary: dict[str, Any]) -> District:
    min_lat, max_lat, min_lon, max_lon = boundary_bbox(boundary)
    return District.objects.create(
        municipality=muni,
        number=number,
        name_fa=f"منطقه {number}",
        boundary=boundary,
        min_lat=min_lat,
        max_lat=max_lat,
        min_lon=min_lon,
        max_lon=max_lon,
    )


def department(muni: Municipality, code: str = "civil-works") -> Department:
    return Department.objects.get_or_create(
        municipality=muni, code=code, defaults={"name_fa": f"واحد {code}"}
    )[0]


def agency(muni: Municipality, code: str = "water", kind: str = "water") -> ExternalAgency:
    return ExternalAgency.objects.get_or_create(
        municipality=muni, code=code, defaults={"kind": kind, "name_fa": f"شرکت {code}"}
    )[0]


def category(
    muni: Municipality,
    code: str = "pothole",
    standard: str = "road",
    *,
    dept: Department | None = None,
    agency_: ExternalAgency | None = None,
    target_hours: int = 72,
) -> Category:
    if dept is None and agency_ is None:
        dept = department(muni)
    if not StandardCategory.objects.filter(code=standard).exists():
        load_standard_categories()  # transactional tests flush the migration-loaded rows
    return Category.objects.create(
        municipality=muni,
        code=code,
        standard=StandardCategory.objects.get(code=standard),
        name_fa=f"دسته {code}",
        name_en=code,
        department=dept,
        agency=agency_,
        target_hours=target_hours,
    )


def user(username: str | None = None, **extra: Any) -> AbstractUser:
    user_model = get_user_model()
    created: AbstractUser = user_model.objects.create_user(
        username=username or f"user{next(_seq)}", password=PASSWORD, **extra
    )
    return created


def staff(
    muni: Municipality | None,
    role: str = Role.DISPATCHER,
    *,
    dept: Department | None = None,
    agency_: ExternalAgency | None = None,
) -> AbstractUser:
    u = user()
    StaffProfile.objects.create(
        user=u, role=role, municipality=muni, department=dept, agency=agency_
    )
    return u


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
