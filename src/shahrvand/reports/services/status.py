"""Status changes, assignment and notes: the only writers of a report's workflow fields.

Each staff write checks the actor's role and municipality here (tenancy.access), so the
report pages, the dispatcher's queue, the field pages and the API refuse alike. An actor of
None is the system (a task, a test's setup), never a request: every channel passes its
logged-in user.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from shahrvand.common.errors import PermissionDenied
from shahrvand.common.persian import normalize_text
from shahrvand.outbox.models import EventType
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.reports.workflow import Status, allowed_targets, check_transition
from shahrvand.tenancy.access import require_act, require_assign
from shahrvand.tenancy.models import Department, ExternalAgency, StaffProfile

from .deadline import resume_clock
from .events import emit
from .history import Actor, record_event


def check_report_actor(
    actor: Actor,
    report: Report,
    require: Callable[..., StaffProfile] = require_act,
) -> None:
    """The checks of every staff write on a report: `require` (a tenancy.access check of
    the role, given the report's municipality), then the report being one `actor` may read
    (reports.selectors: a field crew does not touch another unit's report). PermissionDenied
    otherwise. An actor of None is the system and is not checked."""
    if actor is None:
        return
    assert isinstance(actor, User | AnonymousUser)
    require(actor, municipality_id=report.municipality_id)
    if not reports_visible_to(actor).filter(pk=report.pk).exists():
        raise PermissionDenied(
            "این گزارش در کارتابل شما نیست.",
            message_en="This report is not visible to you.",
            code="report_not_visible",
        )


def lock_report(report: Report) -> Report:
    """The report re-read under a row lock (only its own row: `of=("self",)`), with the
    relations that history and events need. For the report services only."""
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related(
            "municipality", "category", "district", "assigned_department", "assigned_agency"
        )
        .get(pk=report.pk)
    )


def route_before_insert(report: Report, *, note: str, at: dt.datetime) -> Status:
    """The automatic hand-over of a new, not yet stored report to its route: the fields
    of the transition from «submitted», set before the insert (one UPDATE fewer). The
    caller records both history entries and the events; returns the status."""
    target = Status.FORWARDED_EXTERNAL if report.assigned_agency_id else Status.ASSIGNED
    check_transition(Status.SUBMITTED, target, note=note)
    _set_fields(report, target, note=note, public=True, at=at)
    return target


def _set_fields(
    report: Report,
    target: Status,
    *,
    note: str,
    public: bool,
    at: dt.datetime,
    duplicate_of: Report | None = None,
) -> dict[str, object]:
    """Change the report's fields for a legal transition to `target` (not saved); return
    the extra facts for the event and the history entry."""
    previous = report.status
    report.status = target
    extra: dict[str, object] = {}
    if target == Status.ON_HOLD:
        report.on_hold_since = at
    elif previous == Status.ON_HOLD:
        extra["paused_hours"] = resume_clock(report, at)
    if target == Status.DUPLICATE:
        assert duplicate_of is not None
        if duplicate_of.pk == report.pk or duplicate_of.municipality_id != report.municipality_id:
            raise ReportError(
                "گزارش اصلی باید گزارش دیگری از همین شهرداری باشد.",
                message_en="The parent must be another report of the same municipality.",
                field="duplicate_of",
            )
        report.duplicate_of = duplicate_of
    elif target == Status.REOPENED:
        report.resolved_at = None
        report.closed_at = None
        report.duplicate_of = None
    if target == Status.RESOLVED:
        report.resolved_at = at
    if target in (Status.CLOSED, Status.REJECTED, Status.DUPLICATE):
        report.closed_at = at
    if report.first_response_at is None and previous == Status.SUBMITTED:
        report.first_response_at = at
    if note:
        report.search_text = f"{report.search_text}\n{note}".strip()
    if public and note:
        report.status_note = note
    return extra


def apply_transition(
    report: Report,
    target: Status,
    *,
    actor: Actor,
    note: str,
    public: bool,
    duplicate_of: Report | None = None,
    label: str = "",
    fix_location: tuple[float, float] | None = None,
) -> ReportEvent:
    check_transition(report.status, target, note=note, duplicate_of=duplicate_of)
    previous = report.status
    extra: dict[str, object] = {}
    if fix_location is not None:
        extra["fix_lat"], extra["fix_lon"] = fix_location
    extra |= _set_fields(
        report, target, note=note, public=public, at=timezone.now(), duplicate_of=duplicate_of
    )
    report.save()
    emit(
        EventType.REPORT_STATUS_CHANGED,
        report,
        from_status=previous,
        note=note if public else "",
        **extra,
    )
    if target == Status.RESOLVED:
        emit(EventType.REPORT_RESOLVED, report, note=note if public else "")
    return record_event(
        report,
        ReportEvent.Kind.STATUS,
        actor=actor,
        label=label,
        from_status=previous,
        to_status=target,
        note=note,
        public=public,
        data=({"duplicate_of": duplicate_of.tracking_code} if duplicate_of else {}) | extra,
    )


@transaction.atomic
def report_transition(
    *,
    report: Report,
    to_status: str,
    actor: Actor,
    note: str = "",
    public: bool = True,
    duplicate_of: Report | None = None,
    fix_location: tuple[float, float] | None = None,
) -> Report:
    """Move `report` to `to_status` if the state machine allows it; append the history entry.

    `fix_location` (lat, lon) is where the field crew stood when they recorded the move.

    Raises IllegalTransition (nothing written) when the move is not allowed, and
    PermissionDenied when `actor` has a read-only role or another municipality.
    """
    check_report_actor(actor, report, require_act)
    locked = lock_report(report)
    apply_transition(
        locked,
        Status(to_status),
        actor=actor,
        note=normalize_text(note),
        public=public,
        duplicate_of=duplicate_of,
        fix_location=fix_location,
    )
    return locked


@transaction.atomic
def report_assign(
    *,
    report: Report,
    actor: User,
    department: Department | None = None,
    agency: ExternalAgency | None = None,
    note: str = "",
) -> Report:
    """Give the report to a department or an outside agency (exactly one).

    Assigning to an agency forwards the report (forwarded_external); to a department,
    it becomes assigned. A report already being worked keeps its status on reassignment.
    PermissionDenied unless `actor` may assign (ASSIGN_ROLES) in the report's municipality.
    """
    check_report_actor(actor, report, require_assign)
    if (department is None) == (agency is None):
        raise ReportError(
            "دقیقاً یک واحد یا دستگاه را انتخاب کنید.",
            message_en="Choose exactly one department or agency.",
            field="assignee",
        )
    return reroute(
        lock_report(report), department, agency, None, actor=actor, note=note, explicit=True
    )


def reroute(
    locked: Report,
    department: Department | None,
    agency: ExternalAgency | None,
    user: User | None,
    *,
    actor: User,
    note: str = "",
    explicit: bool = False,
) -> Report:
    """Set the assignee of a report already locked by the caller and record it.

    An explicit assignment (or a re-route of a report already handed out) also moves the
    status where the state machine allows: an agency means forwarded_external, a
    department assigned. A re-route of a report not yet handed out only changes the
    preset assignee that the dispatcher will confirm.
    """
    handed_out = locked.status in (Status.ASSIGNED, Status.FORWARDED_EXTERNAL)
    unit = department or agency
    for owner in (department, agency):
        if owner is not None and owner.municipality_id != locked.municipality_id:
            raise ReportError(
                "واحد انتخاب‌شده از این شهرداری نیست.",
                message_en="The unit belongs to another municipality.",
                field="assignee",
            )
    unchanged = (
        locked.assigned_department_id == (department.pk if department else None)
        and locked.assigned_agency_id == (agency.pk if agency else None)
        and locked.assigned_user_id == (user.pk if user else None)
    )
    locked.assigned_department = department
    locked.assigned_agency = agency
    locked.assigned_user = user
    locked.save()
    label = unit.name_fa if unit else (user.get_full_name() or user.get_username() if user else "")
    if explicit or not unchanged:
        emit(EventType.REPORT_ASSIGNED, locked)
        record_event(
            locked,
            ReportEvent.Kind.ASSIGNED,
            actor=actor,
            note=normalize_text(note),
            public=False,
            data={
                "department": department.pk if department else None,
                "agency": agency.pk if agency else None,
                "user": user.pk if user else None,
                "unit": label,
            },
        )
    target = Status.FORWARDED_EXTERNAL if agency else Status.ASSIGNED
    # A report already in progress keeps its status (in_progress → assigned is not a move).
    if (
        (explicit or handed_out)
        and locked.status != target
        and target in allowed_targets(locked.status)
    ):
        apply_transition(locked, target, actor=actor, note=f"ارجاع به {label}", public=True)
    return locked


@transaction.atomic
def report_add_note(*, report: Report, actor: User, note: str, public: bool) -> ReportEvent:
    """Add a note (public: also shown to the citizen as the status note); returns the event."""
    check_report_actor(actor, report, require_act)
    text = normalize_text(note)
    if not text:
        raise ReportError("متن یادداشت خالی است.", message_en="The note is empty.", field="note")
    locked = lock_report(report)
    locked.search_text = f"{locked.search_text}\n{text}".strip()
    fields = ["search_text", "updated_at"]
    if public:
        locked.status_note = text
        fields.append("status_note")
    locked.save(update_fields=fields)
    return record_event(locked, ReportEvent.Kind.NOTE, actor=actor, note=text, public=public)
