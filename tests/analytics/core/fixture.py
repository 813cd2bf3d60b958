"""A hand-computed set of nine reports (the table below). Every figure the tests assert
is derived by hand here, not by the code under test.

All nine are received on Wednesday 2026-11-04 14:00 Tehran (13 Aban 1405) in "testcity"
(population 100,000). Unit A = department "civil-works" (category pothole, target 8 business
hours); unit W = agency "water" (category leak, target 4 business hours).

Business-hour deadlines (Sat–Wed 08–16, Thu 08–12, Fri closed):
  A: 8 h from Wed 14:00 = Wed 14–16 (2) + Thu 08–12 (4) + Sat 08–10 (2) → Sat 10:00 (+68 h)
  W: 4 h from Wed 14:00 = Wed 14–16 (2) + Thu 08–10 (2)                 → Thu 10:00 (+20 h)

 r  unit status       resolve h  within  1st resp h  channel  other
 r1 A    closed        2.25      yes     0.75        web      accepted, rating 5
 r2 A    closed       10.75      yes     1.25        web      accepted, rating 3; auto-categorised
 r3 A    resolved     31         yes*    0.25        web      *breached on the wall clock (8 h)
 r4 A    resolved    101         no      3.25        web      recategorised by staff
 r5 A    in_progress   -         -       1.75        phone    auto-categorised
 r6 A    rejected      -         -       0.25        sms
 r7 W    resolved     51         no      5.25        web      resolved, disputed, resolved
 r8 A    submitted     -         -       -           phone
 r9 A    duplicate     -         -       0.75        web      duplicate of r1

Resolve hours are bucket midpoints (analytics/histogram.py), so percentiles are exact:
  all [2.25, 10.75, 31, 51, 101]: median = 3rd = 31, p90 = ⌈4.5⌉ = 5th = 101
  A   [2.25, 10.75, 31, 101]:     median = 2nd = 10.75, p90 = ⌈3.6⌉ = 4th = 101
  first response [0.25, 0.25, 0.75, 0.75, 1.25, 1.75, 3.25, 5.25]: median = 4th = 0.75
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from shahrvand.categories.models import Category
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.services import report_feedback, report_transition
from shahrvand.reports.services.category import report_recategorise
from shahrvand.reports.services.deadline import deadline_for
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import Department, ExternalAgency, Municipality
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

TEHRAN = ZoneInfo("Asia/Tehran")
CREATED = dt.datetime(2026, 11, 4, 14, 0, tzinfo=TEHRAN)
DAY = CREATED.date()
DEADLINE_A = dt.datetime(2026, 11, 7, 10, 0, tzinfo=TEHRAN)  # Saturday 10:00
DEADLINE_W = dt.datetime(2026, 11, 5, 10, 0, tzinfo=TEHRAN)  # Thursday 10:00


@dataclass
class Fixture:
    city: Municipality
    dept: Department
    water: ExternalAgency
    pothole: Category
    leak: Category
    reports: dict[str, Report]


def drive(report: Report, target: str) -> None:
    for step in reports_factories.status_path(target):
        report_transition(report=report, to_status=step, actor=None, note=f"به {step.label}")


def h(hours: float) -> dt.datetime:
    return CREATED + dt.timedelta(hours=hours)


def build(city: Municipality | None = None) -> Fixture:
    city = city or tenancy_factories.municipality("testcity")
    dept = tenancy_factories.department(city, "civil-works")
    water = tenancy_factories.agency(city, "water")
    pothole = categories_factories.category(city, "pothole", "road", dept=dept, target_hours=8)
    bump = categories_factories.category(city, "bump", "road", dept=dept, target_hours=8)
    leak = categories_factories.category(city, "leak", "utilities", agency_=water, target_hours=4)
    staff = tenancy_factories.staff(city)
    r = {f"r{i}": reports_factories.report(city, leak if i == 7 else pothole) for i in range(1, 10)}

    for name in ("r1", "r2", "r3", "r4", "r7"):
        if name == "r4":
            report_recategorise(report=r[name], category=bump, actor=staff)  # type: ignore[arg-type]
        drive(r[name], Status.RESOLVED)
    report_feedback(report=r["r1"], accepted=True, rating=5)
    report_feedback(report=r["r2"], accepted=True, rating=3)
    report_feedback(report=r["r7"], accepted=False, comment="هنوز نشت دارد")
    report_transition(report=r["r7"], to_status=Status.RESOLVED, actor=None, note="دوباره درست شد")
    drive(r["r5"], Status.IN_PROGRESS)
    report_transition(report=r["r6"], to_status=Status.REJECTED, actor=None, note="خارج از حوزه")
    report_transition(report=r["r9"], to_status=Status.DUPLICATE, actor=None, duplicate_of=r["r1"])

    resolve = {"r1": 2.25, "r2": 10.75, "r3": 31, "r4": 101, "r7": 51}
    response = {"r1": 0.75, "r2": 1.25, "r3": 0.25, "r4": 3.25, "r5": 1.75, "r6": 0.25,
                "r7": 5.25, "r9": 0.75}  # fmt: skip
    closed = {"r1": 3.0, "r2": 12.0, "r6": 0.5, "r9": 1.0}
    channel = {"r5": Channel.PHONE, "r6": Channel.SMS, "r8": Channel.PHONE}
    for name, report in r.items():
        unit = {"assigned_agency": water, "assigned_department": None} if name == "r7" else {
            "assigned_department": dept, "assigned_agency": None}  # fmt: skip
        cat = leak if name == "r7" else (bump if name == "r4" else pothole)
        Report.objects.filter(pk=report.pk).update(
            created_at=CREATED,
            updated_at=CREATED + dt.timedelta(days=1),
            deadline=deadline_for(cat, "normal", CREATED),
            resolved_at=h(resolve[name]) if name in resolve else None,
            closed_at=h(closed[name]) if name in closed else None,
            first_response_at=h(response[name]) if name in response else None,
            channel=channel.get(name, Channel.WEB),
            auto_categorised=name in ("r2", "r5"),
            **unit,
        )
        report.refresh_from_db()
    return Fixture(city, dept, water, pothole, leak, r)
