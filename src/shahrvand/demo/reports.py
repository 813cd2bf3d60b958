"""Carry out the report plans through the real services, then move them back in time.

Every report is created with report_create and moved only by report_transition,
report_assign, report_add_note and report_feedback, so the demo history is exactly what
the product would have written; only the timestamps are rewritten afterwards (timeline.py).
"""

from __future__ import annotations

import bisect
import datetime as dt
import io
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw

from shahrvand.reports.attachments import PreparedFile, prepare_attachments
from shahrvand.reports.models import Channel, Report, ReportEvent
from shahrvand.reports.services import (
    ReportInput,
    report_add_note,
    report_assign,
    report_create,
    report_feedback,
    report_transition,
)
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import Municipality, Role

from .data import read
from .organisation import Units
from .people import account_specs
from .plans import EXTERNAL_APP, Plan
from .timeline import backdate

if TYPE_CHECKING:
    from django.contrib.auth.models import User  # the configured user model


RATINGS = {5: 40, 4: 30, 3: 15, 2: 10, 1: 5}
DUPLICATE_NOTE = "این گزارش تکراری است؛ پیگیری در گزارش اصلی انجام می‌شود."
REOPEN_NOTE = "شهروند اطلاعات تکمیلی فرستاد؛ گزارش بازگشایی شد."


@dataclass
class Staff:
    """The demo users of one municipality who act on its reports."""

    operator: User
    dispatcher: User
    by_unit: dict[str, User] = field(default_factory=dict)  # "department:x" → user


def staff_by_municipality(users: dict[str, User]) -> dict[str, Staff]:
    """Field staff work their unit's reports; a unit with only a manager gets the manager."""
    staff: dict[str, Staff] = {}
    specs = [a for a in account_specs() if a.municipality]
    for account in specs:
        slug = account.municipality
        assert slug is not None
        if slug not in staff:
            staff[slug] = Staff(users[f"{slug}-operator"], users[f"{slug}-dispatcher"])
    for role in (Role.DEPARTMENT_MANAGER, Role.AGENCY_USER, Role.FIELD_STAFF):
        for account in specs:
            if account.role == role and account.unit and account.municipality:
                staff[account.municipality].by_unit[account.unit] = users[account.username]
    return staff


def _photo(rng: random.Random) -> list[PreparedFile]:
    """A small made-up picture, sent through the same validation as a citizen's upload."""
    colour = tuple(rng.randrange(60, 200) for _ in range(3))
    image = Image.new("RGB", (480, 360), colour)
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randrange(440), rng.randrange(320)
        shade = tuple(rng.randrange(256) for _ in range(3))
        draw.rectangle((x, y, x + rng.randrange(20, 120), y + rng.randrange(20, 90)), fill=shade)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    upload = SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")
    return prepare_attachments([upload])


class Builder:
    def __init__(
        self,
        rng: random.Random,
        municipalities: dict[str, Municipality],
        units: dict[str, Units],
        staff: dict[str, Staff],
    ) -> None:
        self.rng = rng
        self.municipalities = municipalities
        self.units = units
        self.staff = staff
        self.texts: dict[str, Any] = read("report_texts.json")
        self.built: list[Report] = []  # parallel to the plan list

    def build(self, plans: list[Plan]) -> list[Report]:
        for plan in plans:
            self.built.append(self._one(plan))
        return self.built

    def _one(self, plan: Plan) -> Report:
        staff = self.staff[plan.municipality]
        data = ReportInput(
            municipality=self.municipalities[plan.municipality],
            category_code=plan.category.code,
            description=plan.description,
            channel=plan.channel,
            lat=plan.lat,
            lon=plan.lon,
            address=plan.address,
            district_id=plan.district_id,
            priority=plan.priority,
            reporter_name=plan.reporter_name,
            reporter_phone=plan.reporter_phone,
            external_app=EXTERNAL_APP if plan.channel == Channel.API else "",
            attachments=_photo(self.rng) if plan.photo else [],
        )
        actor = staff.operator if plan.channel == Channel.PHONE else None
        report = report_create(data=data, actor=actor)
        # Which history entries each step wrote, told apart by the real clock: every entry
        # is stamped after the moment its step began (one query per report, not per step).
        began: list[dt.datetime] = []
        for name in plan.path:
            began.append(timezone.now())
            report = self._step(name, report, plan, staff)
        history = ReportEvent.objects.filter(report_id=report.pk).order_by("pk")
        written: list[list[int]] = [[] for _ in range(len(began) + 1)]
        for pk, stamped in history.values_list("pk", "created_at"):
            written[bisect.bisect_right(began, stamped)].append(pk)
        steps = list(zip(plan.path, plan.times, written[1:], strict=True))
        backdate(report, plan.category, plan.created, steps, written[0])
        return report

    def _worker(self, report: Report, staff: Staff) -> User:
        if report.assigned_agency is not None:
            ref = f"agency:{report.assigned_agency.code}"
        elif report.assigned_department is not None:
            ref = f"department:{report.assigned_department.code}"
        else:
            return staff.dispatcher
        return staff.by_unit.get(ref, staff.dispatcher)

    def _note(self, key: str) -> str:
        return str(self.rng.choice(self.texts[key]))

    def _resolve_note(self, report: Report) -> str:
        notes = self.texts["resolve_notes"]
        return str(self.rng.choice(notes.get(report.standard_id) or notes["default"]))

    def _step(self, name: str, report: Report, plan: Plan, staff: Staff) -> Report:
        rng, dispatcher = self.rng, staff.dispatcher
        if name == "triage":
            note = self._note("triage_notes")
            return report_transition(
                report=report, to_status=Status.TRIAGED, actor=dispatcher, note=note, public=False
            )
        if name == "assign":
            category = plan.category
            return report_assign(
                report=report,
                actor=dispatcher,
                department=category.department if category.agency is None else None,
                agency=category.agency,
            )
        if name == "forward":
            agency = self.units[plan.municipality].agencies[plan.forward_to]
            note = self._note("forward_notes")
            return report_assign(report=report, actor=dispatcher, agency=agency, note=note)
        if name == "note":
            worker = self._worker(report, staff)
            note = self._note("internal_notes")
            report_add_note(report=report, actor=worker, note=note, public=False)
            return report
        if name == "accept":
            rating = rng.choices(list(RATINGS), list(RATINGS.values()))[0]
            comment = self._note("feedback_accept")
            return report_feedback(report=report, accepted=True, rating=rating, comment=comment)
        if name == "dispute":
            comment = self._note("feedback_dispute")
            return report_feedback(report=report, accepted=False, comment=comment)
        target, actor, note = self._move(name, report, staff)
        original = self.built[plan.duplicate_of] if plan.duplicate_of is not None else None
        return report_transition(
            report=report,
            to_status=target,
            actor=actor,
            note=note,
            duplicate_of=original if target == Status.DUPLICATE else None,
        )

    def _move(self, name: str, report: Report, staff: Staff) -> tuple[Status, User, str]:
        """Target status, acting user and public note of a plain status step."""
        worker = self._worker(report, staff)
        if name == "start":
            return Status.IN_PROGRESS, worker, ""
        if name == "hold":
            return Status.ON_HOLD, worker, self._note("hold_notes")
        if name == "resolve":
            return Status.RESOLVED, worker, self._resolve_note(report)
        if name == "close":
            return Status.CLOSED, staff.dispatcher, self._note("close_notes")
        if name == "reject":
            return Status.REJECTED, staff.dispatcher, self._note("reject_notes")
        if name == "duplicate":
            return Status.DUPLICATE, staff.dispatcher, DUPLICATE_NOTE
        if name == "reopen":
            return Status.REOPENED, staff.dispatcher, REOPEN_NOTE
        raise ValueError(f"unknown step {name!r}")
