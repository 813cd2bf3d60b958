"""The dispatcher's queue: new and reopened reports with the suggested category, possible
duplicates and the preset route; accept with one key, or act on many at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Case, IntegerField, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.categories.models import Category
from shahrvand.common.errors import DomainError
from shahrvand.reports.models import Priority, Report
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.reports.services import report_assign, report_merge, report_transition
from shahrvand.reports.services.category import report_recategorise
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.access import current_staff, current_user, staff_required
from shahrvand.tenancy.models import Department, ExternalAgency, Role
from shahrvand.triage.duplicates import Candidate, find_candidates

QUEUE_STATUSES = (Status.SUBMITTED, Status.REOPENED)
PAGE = 25
DISPATCH_ROLES = {Role.DISPATCHER, Role.MUNICIPALITY_ADMIN}


@dataclass
class Row:
    report: Report
    suggestion: Category | None
    duplicates: list[Candidate]


def _require_dispatcher(request: HttpRequest) -> None:
    if current_staff(request).role not in DISPATCH_ROLES:
        raise PermissionDenied("صف توزیع برای نقش شما نیست.")


def _queue(request: HttpRequest) -> list[Report]:
    urgency = Case(
        When(priority=Priority.EMERGENCY, then=Value(0)),
        When(priority=Priority.HIGH, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return list(
        reports_visible_to(current_user(request))
        .filter(status__in=QUEUE_STATUSES)
        .select_related("suggested_standard")
        .annotate(urgency=urgency)
        .order_by("urgency", "created_at")[:PAGE]
    )


def _suggested_category(
    report: Report, by_standard: dict[tuple[int, str], Category]
) -> Category | None:
    if report.suggested_standard_id is None or report.suggested_standard_id == report.standard_id:
        return None
    return by_standard.get((report.municipality_id, report.suggested_standard_id))


def _rows(reports: list[Report]) -> list[Row]:
    first_local: dict[tuple[int, str], Category] = {}
    for category in Category.objects.filter(
        municipality_id__in={r.municipality_id for r in reports},
        is_active=True,
        parent__isnull=True,
    ).order_by("pk"):
        first_local.setdefault((category.municipality_id, category.standard_id), category)
    rows = []
    for report in reports:
        duplicates = []
        if report.lat is not None and report.lon is not None:
            duplicates = [
                c
                for c in find_candidates(
                    municipality_id=report.municipality_id,
                    standard_code=report.standard_id,
                    lat=report.lat,
                    lon=report.lon,
                    text=report.description,
                    limit=3,
                )
                if c.report.pk != report.pk
            ][:2]
        rows.append(Row(report, _suggested_category(report, first_local), duplicates))
    return rows


@staff_required
def dispatch_queue(request: HttpRequest) -> HttpResponse:
    _require_dispatcher(request)
    profile = current_staff(request)
    rows = _rows(_queue(request))
    municipality = profile.municipality
    units = {
        "departments": Department.objects.filter(municipality=municipality) if municipality else [],
        "agencies": ExternalAgency.objects.filter(municipality=municipality)
        if municipality
        else [],
    }
    return render(
        request,
        "backoffice/dispatch.html",
        {"profile": profile, "rows": rows, "can_register": True, **units},
    )


def _visible(request: HttpRequest, codes: list[str]) -> list[Report]:
    found = list(reports_visible_to(current_user(request)).filter(tracking_code__in=codes))
    if len(found) != len(set(codes)):
        raise PermissionDenied("بعضی از گزارش‌ها پیدا نشد یا در دسترس شما نیست.")
    return found


@require_POST
@staff_required
def dispatch_accept(request: HttpRequest, code: str) -> HttpResponse:
    """Accept the report as routed; with use_suggestion, first take the suggested category."""
    _require_dispatcher(request)
    [report] = _visible(request, [code])
    user = current_user(request)
    try:
        with transaction.atomic():
            if request.POST.get("category"):
                category = Category.objects.get(
                    municipality=report.municipality, code=request.POST["category"], is_active=True
                )
                report = report_recategorise(report=report, category=category, actor=user)
            if report.assigned_department is None and report.assigned_agency is None:
                raise DomainError(
                    "برای این گزارش مسیر ارجاعی تعیین نشده است؛ از صفحه گزارش ارجاع دهید.",
                    message_en="No route for this report; assign it from its page.",
                )
            report_assign(
                report=report,
                actor=user,
                department=report.assigned_department,
                agency=report.assigned_agency,
                note="تأیید توزیع‌کننده",
            )
    except (DomainError, Category.DoesNotExist) as exc:
        messages.error(request, getattr(exc, "message", "دسته پیشنهادی پیدا نشد."))
    else:
        messages.success(
            request, f"گزارش {report.tracking_code} ارجاع شد به {report.responsible_name}."
        )
    return redirect("backoffice:dispatch")


@require_POST
@staff_required
def dispatch_bulk(request: HttpRequest) -> HttpResponse:
    """Assign, reject or merge the selected reports, all or none."""
    _require_dispatcher(request)
    codes = request.POST.getlist("selected")
    action = request.POST.get("action", "")
    if not codes:
        messages.error(request, "هیچ گزارشی انتخاب نشده است.")
        return redirect("backoffice:dispatch")
    reports = sorted(_visible(request, codes), key=lambda r: r.created_at)
    user = current_user(request)
    note = request.POST.get("note", "").strip()
    try:
        with transaction.atomic():
            if action == "assign":
                kind, _, pk = request.POST.get("unit", "").partition(":")
                for report in reports:
                    report_assign(
                        report=report,
                        actor=user,
                        department=Department.objects.filter(
                            pk=pk, municipality=report.municipality
                        ).first()
                        if kind == "d"
                        else None,
                        agency=ExternalAgency.objects.filter(
                            pk=pk, municipality=report.municipality
                        ).first()
                        if kind == "a"
                        else None,
                        note=note,
                    )
            elif action == "reject":
                for report in reports:
                    report_transition(
                        report=report, to_status=Status.REJECTED, actor=user, note=note
                    )
            elif action == "merge":
                if len(reports) < 2:
                    raise DomainError("برای ادغام دست‌کم دو گزارش انتخاب کنید.")
                report_merge(parent=reports[0], children=reports[1:], actor=user, note=note)
            else:
                raise DomainError("عملیات گروهی را انتخاب کنید.")
    except DomainError as exc:
        messages.error(request, f"هیچ تغییری ثبت نشد: {exc.message}")
    else:
        messages.success(request, f"{len(reports)} گزارش به‌روز شد.")
    return redirect("backoffice:dispatch")
