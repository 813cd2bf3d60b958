"""Reads of reports. Tenant and role isolation is decided here, once, for every caller."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from shahrvand.common.persian import normalize_phone
from shahrvand.security.pii import blind_index
from shahrvand.tenancy.access import (
    MUNICIPALITY_WIDE_ROLES,
    scope_to_actor,
    sees_every_municipality,
    staff_profile_of,
)
from shahrvand.tenancy.models import Role

from . import tracking
from .models import Report, ReportEvent


def reports_visible_to(user: User | AnonymousUser) -> QuerySet[Report]:
    """All reports `user` may read: none for non-staff; the province role reads everything;
    operators, dispatchers and admins their municipality; the rest their unit's reports."""
    base = Report.objects.select_related(
        "municipality", "category", "standard", "district", "assigned_department", "assigned_agency"
    )
    profile = staff_profile_of(user)
    scoped = scope_to_actor(base, profile)
    if (
        profile is None
        or sees_every_municipality(profile)
        or profile.role in MUNICIPALITY_WIDE_ROLES
    ):
        return scoped
    if profile.role == Role.AGENCY_USER:
        return (
            scoped.filter(assigned_agency_id=profile.agency_id)
            if profile.agency_id
            else scoped.none()
        )
    assert isinstance(user, User)
    if profile.department_id:
        return scoped.filter(
            Q(assigned_department_id=profile.department_id) | Q(assigned_user=user)
        )
    return scoped.filter(assigned_user=user)


def report_for_tracking(raw_code: str) -> Report | None:
    """The report a citizen asks for by tracking code (any digit script, dashes allowed)."""
    code = tracking.parse(raw_code)
    if code is None:
        return None
    return (
        Report.objects.select_related("municipality", "category", "standard", "district")
        .filter(tracking_code=code)
        .first()
    )


def public_report_queryset() -> QuerySet[Report]:
    """Reports with everything the public report view reads, in three queries (the report
    with its joins, then its history and its attachments)."""
    return Report.objects.select_related(
        "municipality",
        "district",
        "category__parent",
        "category__department",
        "category__agency",
        "assigned_department",
        "assigned_agency",
    ).prefetch_related("events", "attachments")


def report_for_public_view(raw_code: str) -> Report | None:
    """`report_for_tracking`, loaded for the public view in one pass."""
    code = tracking.parse(raw_code)
    if code is None:
        return None
    return public_report_queryset().filter(tracking_code=code).first()


def public_timeline(report: Report) -> QuerySet[ReportEvent]:
    return report.events.filter(is_public=True).order_by("created_at", "id")


def reports_of_caller(user: User | AnonymousUser, phone: str, limit: int = 10) -> list[Report]:
    """Earlier reports by the same phone number, for the operator answering a call."""
    normalized = normalize_phone(phone)
    if not normalized:
        return []
    return list(
        reports_visible_to(user).filter(reporter_phone_index=blind_index(normalized))[:limit]
    )
