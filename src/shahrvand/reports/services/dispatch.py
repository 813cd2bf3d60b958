"""The dispatcher's writes: accept a report as routed, or act on many at once (all or none)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from shahrvand.categories.models import Category
from shahrvand.common.persian import to_persian_digits
from shahrvand.reports.errors import ReportError
from shahrvand.reports.models import Report
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.access import require_dispatch
from shahrvand.tenancy.models import Department, ExternalAgency

from .category import report_recategorise
from .merge import report_merge
from .status import check_report_actor, report_assign, report_transition

BULK_ACTIONS = ("assign", "reject", "merge")


@transaction.atomic
def report_accept_route(*, report: Report, actor: User, category_code: str = "") -> Report:
    """Confirm the report's preset route (with `category_code`, first take that category,
    which routes it again); returns the report. ReportError when there is no route or no
    such active category; PermissionDenied for a role outside the dispatch queue."""
    check_report_actor(actor, report, require_dispatch)
    if category_code:
        category = Category.objects.filter(
            municipality_id=report.municipality_id, code=category_code, is_active=True
        ).first()
        if category is None:
            raise ReportError(
                "دسته پیشنهادی پیدا نشد.",
                message_en="Unknown category for this municipality.",
                field="category",
                code="unknown_category",
            )
        report = report_recategorise(report=report, category=category, actor=actor)
    elif report.awaiting_category:
        raise ReportError(
            "دسته این گزارش فقط حدس سامانه است؛ پیش از ارجاع دسته را انتخاب کنید.",
            message_en="The category is only a guess: choose one before routing.",
            field="category",
            code="category_required",
        )
    if report.assigned_department is None and report.assigned_agency is None:
        raise ReportError(
            "برای این گزارش مسیر ارجاعی تعیین نشده است؛ از صفحه گزارش ارجاع دهید.",
            message_en="No route for this report; assign it from its page.",
            code="no_route",
        )
    return report_assign(
        report=report,
        actor=actor,
        department=report.assigned_department,
        agency=report.assigned_agency,
        note="تأیید توزیع‌کننده",
    )


@transaction.atomic
def reports_dispatch_bulk(
    *,
    reports: list[Report],
    action: str,
    actor: User,
    department: Department | None = None,
    agency: ExternalAgency | None = None,
    note: str = "",
) -> list[Report]:
    """Assign (to `department` or `agency`), reject, or merge (into the oldest) `reports`,
    all or none; returns them. ReportError on a refused move (nothing written);
    PermissionDenied for a role outside the dispatch queue or another municipality."""
    if action not in BULK_ACTIONS:
        raise ReportError("عملیات گروهی را انتخاب کنید.", message_en="Choose a bulk action.")
    for report in reports:
        check_report_actor(actor, report, require_dispatch)
    ordered = sorted(reports, key=lambda r: r.created_at)
    if action == "assign":
        guessed = [r.tracking_code for r in ordered if r.awaiting_category]
        if guessed:
            raise ReportError(
                "دسته این گزارش‌ها فقط حدس سامانه است؛ پیش از ارجاع دسته را انتخاب کنید: "
                + to_persian_digits("، ".join(guessed)),
                message_en="Some reports await categorisation: choose their category first.",
                code="category_required",
            )
        return [
            report_assign(report=r, actor=actor, department=department, agency=agency, note=note)
            for r in ordered
        ]
    if action == "reject":
        return [
            report_transition(report=r, to_status=Status.REJECTED, actor=actor, note=note)
            for r in ordered
        ]
    if len(ordered) < 2:
        raise ReportError(
            "برای ادغام دست‌کم دو گزارش انتخاب کنید.",
            message_en="Choose at least two reports to merge.",
        )
    report_merge(parent=ordered[0], children=ordered[1:], actor=actor, note=note)
    return ordered
