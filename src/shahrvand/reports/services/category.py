"""Changing what a report is about or where it is: both re-route it."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.categories.models import Category
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.workflow import OPEN_STATUSES, Status
from shahrvand.routing.engine import route_for
from shahrvand.tenancy.access import require_act, require_assign
from shahrvand.tenancy.geo import cell_for, district_at

from .history import record_event
from .status import check_report_actor, lock_report, reroute


@transaction.atomic
def report_recategorise(
    *, report: Report, category: Category, actor: User, note: str = ""
) -> Report:
    """Give the report another category (same municipality) and route it again.

    The change is kept in history with both codes; the classifier learns from such
    corrections (a `category` event whose data has `from_standard`/`to_standard`).
    Re-routing is assignment: PermissionDenied unless `actor` may assign here.
    """
    check_report_actor(actor, report, require_assign)
    locked = lock_report(report)
    if category.municipality_id != locked.municipality_id or not category.is_active:
        raise ReportError(
            "این دسته در این شهرداری وجود ندارد.",
            message_en="Unknown category for this municipality.",
            field="category",
            code="unknown_category",
        )
    if category.pk == locked.category_id and not locked.awaiting_category:
        return locked
    previous = locked.category
    locked.category = category
    locked.standard = category.standard
    # A person chose: the category is a fact from now on (decision 0039).
    locked.awaiting_category = False
    locked.save(update_fields=["category", "standard", "awaiting_category", "updated_at"])
    record_event(
        locked,
        ReportEvent.Kind.CATEGORY,
        actor=actor,
        note=note,
        public=True,
        data={
            "from": previous.code,
            "to": category.code,
            "from_standard": previous.standard_id,
            "to_standard": category.standard_id,
        },
    )
    return _route_again(locked, actor)


@transaction.atomic
def report_relocate(*, report: Report, lat: float, lon: float, actor: User) -> Report:
    """Set or correct the report's point (e.g. a phone report located later) and re-route."""
    check_report_actor(actor, report, require_act)
    locked = lock_report(report)
    district = district_at(locked.municipality, lat, lon)
    if district is None:
        raise ReportError(
            "این نقطه خارج از محدوده مناطق این شهرداری است.",
            message_en="The location is outside the municipality's districts.",
            field="location",
            code="outside_districts",
        )
    locked.lat, locked.lon, locked.district = lat, lon, district
    locked.h3_cell = cell_for(lat, lon)
    locked.save(update_fields=["lat", "lon", "district", "h3_cell", "updated_at"])
    record_event(
        locked,
        ReportEvent.Kind.NOTE,
        actor=actor,
        note="مکان گزارش اصلاح شد.",
        public=False,
        data={"lat": lat, "lon": lon, "district": district.number},
    )
    return _route_again(locked, actor)


def _route_again(report: Report, actor: User) -> Report:
    if report.status not in OPEN_STATUSES or report.status == Status.IN_PROGRESS:
        return report  # work under way or finished keeps its assignee
    route = route_for(category=report.category, district=report.district, priority=report.priority)
    return reroute(report, route.department, route.agency, route.user, actor=actor)
