"""Who gets which message for which event.

Citizens (SMS): the tracking code at submission (the reporter only), the status changes
they care about, and the resolution with the 1/2 reply instruction. A report's citizen
audience is its reporter, its followers, and the reporters and followers of the reports
merged into it as duplicates; numbers that are not Iranian mobiles (landlines taken by
the 137 call centre) are skipped, and each number appears once.

Staff (in-app, plus email when the user has an address): the unit or person a report is
assigned to, deadline warnings and breaches, escalations to the municipality admins, and
disputed resolutions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser

from shahrvand.common.persian import normalize_mobile
from shahrvand.outbox.models import EventType
from shahrvand.reports.models import Report
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import Role, StaffProfile

from .models import Channel

# Status changes worth an SMS. `resolved` has its own message (report.resolved); `closed`
# follows the citizen's own acceptance and doubles as the acknowledgement of a "1" reply.
CITIZEN_STATUSES = frozenset(
    {
        Status.ASSIGNED,
        Status.FORWARDED_EXTERNAL,
        Status.ON_HOLD,
        Status.REJECTED,
        Status.DUPLICATE,
        Status.REOPENED,
        Status.CLOSED,
    }
)
RESOLUTION_KEY = "citizen.resolved"
HELP_KEY = "citizen.reply_help"
MERGE_DEPTH = 3  # duplicates of duplicates, bounded


@dataclass(frozen=True)
class Recipient:
    channel: str
    address: str
    user_id: int | None = None


@dataclass(frozen=True)
class Plan:
    """One message kind for a list of recipients; rendered once, sent to each."""

    key: str
    recipients: tuple[Recipient, ...]


def citizen_phones(report: Report) -> list[str]:
    """Mobile numbers of everyone following `report`, each once, the reporter first."""
    raw: list[str] = []
    seen_reports: set[int] = set()
    level = [report]
    for _ in range(MERGE_DEPTH):
        next_level: list[Report] = []
        for item in level:
            if item.pk in seen_reports:
                continue
            seen_reports.add(item.pk)
            raw.append(item.reporter_phone)
            raw.extend(item.followers.order_by("created_at").values_list("phone", flat=True))
            next_level.extend(item.duplicates.order_by("created_at"))
        level = next_level
    return _unique(normalize_mobile(number) for number in raw if number)


def _unique(numbers: Iterable[str | None]) -> list[str]:
    result: list[str] = []
    for number in numbers:
        if number and number not in result:
            result.append(number)
    return result


def _sms(numbers: Iterable[str]) -> tuple[Recipient, ...]:
    return tuple(Recipient(Channel.SMS, number) for number in numbers)


def _staff(users: Iterable[AbstractBaseUser]) -> tuple[Recipient, ...]:
    result: list[Recipient] = []
    seen: set[int] = set()
    for user in users:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        result.append(Recipient(Channel.IN_APP, f"user:{user.pk}", user.pk))
        email = getattr(user, "email", "")
        if email:
            result.append(Recipient(Channel.EMAIL, email, user.pk))
    return tuple(result)


def _profiles_users(**filters: Any) -> list[AbstractBaseUser]:
    profiles = StaffProfile.objects.filter(**filters).select_related("user").order_by("user_id")
    return [profile.user for profile in profiles]


def unit_staff(report: Report) -> list[AbstractBaseUser]:
    """The people answerable for the unit holding the report: the department's managers
    or the outside agency's users."""
    if report.assigned_agency_id:
        return _profiles_users(agency_id=report.assigned_agency_id, role=Role.AGENCY_USER)
    if report.assigned_department_id:
        return _profiles_users(
            department_id=report.assigned_department_id, role=Role.DEPARTMENT_MANAGER
        )
    return []


def _assignee_or_unit(report: Report) -> list[AbstractBaseUser]:
    return [report.assigned_user] if report.assigned_user else unit_staff(report)


def plans_for(event_type: str, payload: dict[str, Any], report: Report) -> list[Plan]:
    """What to send for one outbox event about `report` (as it is now in the database;
    the status the event announced comes from the payload)."""
    status = str(payload.get("report", {}).get("status", report.status))
    plans: list[Plan] = []
    if event_type == EventType.REPORT_CREATED:
        plans.append(
            Plan("citizen.created", _sms(_unique([normalize_mobile(report.reporter_phone)])))
        )
    elif event_type == EventType.REPORT_STATUS_CHANGED and status in CITIZEN_STATUSES:
        plans.append(Plan(f"citizen.status.{status}", _sms(citizen_phones(report))))
    elif event_type == EventType.REPORT_RESOLVED:
        plans.append(Plan(RESOLUTION_KEY, _sms(citizen_phones(report))))
    elif event_type == EventType.REPORT_ASSIGNED:
        plans.append(Plan("staff.assigned", _staff(_assignee_or_unit(report))))
    elif event_type == EventType.REPORT_DEADLINE_WARNING:
        plans.append(Plan("staff.deadline_warning", _staff(_assignee_or_unit(report))))
    elif event_type == EventType.REPORT_DEADLINE_BREACHED:
        users = [*_assignee_or_unit(report), *unit_staff(report)]
        plans.append(Plan("staff.deadline_breached", _staff(users)))
    elif event_type == EventType.REPORT_ESCALATED:
        admins = _profiles_users(
            municipality_id=report.municipality_id, role=Role.MUNICIPALITY_ADMIN
        )
        plans.append(Plan("staff.escalated", _staff(admins)))
    elif event_type == EventType.REPORT_FEEDBACK and payload.get("accepted") is False:
        users = [*_assignee_or_unit(report), *unit_staff(report)]
        plans.append(Plan("staff.disputed", _staff(users)))
    return [plan for plan in plans if plan.recipients]
