"""Suspension stops a step's clock and extension adds business hours; both recompute the
deadline on the municipality's work calendar and show in the history."""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.common.errors import DomainError
from shahrvand.deadlines.models import Holiday
from shahrvand.eservices.models import CaseAudit
from shahrvand.eservices.services import step_extend, step_resume, step_suspend
from shahrvand.tenancy.models import Municipality

from .conftest import Clock
from .helpers import TEHRAN, manager_of, published_service, step, submit_permit


def tehran(day: int, hour: int, month: int = 11) -> dt.datetime:
    return dt.datetime(2026, month, day, hour, 0, tzinfo=TEHRAN)


def test_suspension_moves_the_deadline_by_the_working_time_left(
    ecity: Municipality, eclock: Clock
) -> None:
    case = submit_permit(published_service(ecity))  # Saturday 28th 08:00
    manager = manager_of(ecity, "planning")
    intake = step(case, "intake-review")
    assert intake.deadline == tehran(29, 16)  # 16 working hours: Sunday 16:00

    eclock.set(tehran(28, 12))  # 4 hours worked, 12 left
    step_suspend(step=intake, actor=manager, reason="در انتظار استعلام ثبت اسناد")
    # Resumed on Tuesday 1 Dec 10:00; Monday 30th is declared a holiday meanwhile.
    Holiday.objects.create(municipality=ecity, jalali="1405/09/09", title="تعطیل")
    eclock.set(tehran(1, 10, month=12))
    resumed = step_resume(step=intake, actor=manager)
    # Paused working hours: Sat 12–16 (4) + Sun (8) + Mon holiday (0) + Tue 8–10 (2) = 14.
    assert resumed.paused_hours == pytest.approx(14)
    # 12 hours left from Tue 10:00: Tue 6 + Wed 6 → Wednesday 2 Dec 14:00.
    assert resumed.deadline == tehran(2, 14, month=12)
    assert resumed.status == "active" and resumed.suspended_at is None

    history = list(CaseAudit.objects.filter(case=case, object_id=intake.pk).order_by("id"))
    suspended, resumed_row = history[-2], history[-1]
    assert (suspended.action, suspended.reason) == ("step_suspended", "در انتظار استعلام ثبت اسناد")
    assert suspended.after["status"] == "suspended"
    assert resumed_row.action == "step_resumed"
    assert resumed_row.before["deadline"] == tehran(29, 16).astimezone(dt.UTC).isoformat()
    assert resumed_row.after["deadline"] == tehran(2, 14, month=12).astimezone(dt.UTC).isoformat()
    assert resumed_row.after["paused_hours"] == pytest.approx(14)


def test_extension_adds_business_hours(ecity: Municipality, eclock: Clock) -> None:
    case = submit_permit(published_service(ecity))
    intake = step(case, "intake-review")
    extended = step_extend(
        step=intake, actor=manager_of(ecity, "planning"), hours=6, reason="بازدید تکمیلی"
    )
    # Sunday 16:00 + 6 working hours → Monday 14:00.
    assert extended.deadline == tehran(30, 14)
    assert extended.extended_hours == 6
    row = CaseAudit.objects.filter(case=case, action="step_extended").get()
    assert row.reason == "بازدید تکمیلی"
    assert (row.before["extended_hours"], row.after["extended_hours"]) == (0, 6)
    with pytest.raises(DomainError) as caught:
        step_extend(step=intake, actor=manager_of(ecity, "planning"), hours=0, reason="x")
    assert caught.value.code == "bad_extension"


def test_resume_needs_a_suspended_step(ecity: Municipality, eclock: Clock) -> None:
    case = submit_permit(published_service(ecity))
    with pytest.raises(DomainError) as caught:
        step_resume(step=step(case, "intake-review"), actor=manager_of(ecity, "planning"))
    assert caught.value.code == "step_not_suspended"
