"""The dispatcher's queue: new and reopened reports with the suggested category, possible
duplicates and the preset route; accept with one key, or act on many at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from shahrvand.categories.models import Category
from shahrvand.common.errors import DomainError, PermissionDenied
from shahrvand.common.paging import page_of, query_without
from shahrvand.reports.duplicates import Candidate, find_candidates
from shahrvand.reports.models import Report
from shahrvand.reports.ordering import by_urgency
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.reports.services import report_accept_route, reports_dispatch_bulk
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.access import current_staff, current_user, require_dispatch, staff_required
from shahrvand.tenancy.selectors import agencies_visible_to, departments_visible_to, unit_by_ref

QUEUE_STATUSES = (Status.SUBMITTED, Status.REOPENED)
PAGE = 25


@dataclass
class Row:
    report: Report
    suggestion: Category | None
    duplicates: list[Candidate]


def _queue(request: HttpRequest) -> QuerySet[Report]:
    """Every report waiting for a dispatcher, most urgent and most overdue first."""
    return by_urgency(
        reports_visible_to(current_user(request))
        .filter(status__in=QUEUE_STATUSES)
        .select_related("suggested_standard")
    )


def _suggested_category(
    report: Report, by_standard: dict[tuple[int, str], Category]
) -> Category | None:
    if report.awaiting_category:
        return report.category  # the low-confidence guess, offered, never applied
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
    require_dispatch(current_user(request))
    profile = current_staff(request)
    page = page_of(request, _queue(request), size=PAGE)
    rows = _rows(list(page.object_list))
    units = {
        "departments": departments_visible_to(profile),
        "agencies": agencies_visible_to(profile),
        "categories": Category.objects.filter(
            municipality_id__in={row.report.municipality_id for row in rows}, is_active=True
        ).order_by("name_fa"),
    }
    return render(
        request,
        "reports/staff/dispatch.html",
        {
            "profile": profile,
            "rows": rows,
            "page": page,
            "query": query_without(request, "page"),
            **units,
        },
    )


def _visible(request: HttpRequest, codes: list[str]) -> list[Report]:
    found = list(reports_visible_to(current_user(request)).filter(tracking_code__in=codes))
    if len(found) != len(set(codes)):
        raise PermissionDenied(
            "بعضی از گزارش‌ها پیدا نشد یا در دسترس شما نیست.",
            message_en="Some reports are not found or not visible to you.",
        )
    return found


def _back(request: HttpRequest) -> HttpResponse:
    """Back to the queue page the dispatcher acted on (a form sends its `page`)."""
    page = request.POST.get("page", "")
    url = reverse("backoffice:dispatch")
    return redirect(f"{url}?page={page}" if page.isdigit() and page != "1" else url)


@require_POST
@staff_required
def dispatch_accept(request: HttpRequest, code: str) -> HttpResponse:
    """Accept the report as routed; with use_suggestion, first take the suggested category."""
    require_dispatch(current_user(request))
    [report] = _visible(request, [code])
    try:
        report = report_accept_route(
            report=report,
            actor=current_user(request),
            category_code=request.POST.get("category", ""),
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(
            request, f"گزارش {report.tracking_code} ارجاع شد به {report.responsible_name}."
        )
    return _back(request)


@require_POST
@staff_required
def dispatch_bulk(request: HttpRequest) -> HttpResponse:
    """Assign, reject or merge the selected reports, all or none."""
    require_dispatch(current_user(request))
    codes = request.POST.getlist("selected")
    if not codes:
        messages.error(request, "هیچ گزارشی انتخاب نشده است.")
        return _back(request)
    reports = _visible(request, codes)
    department, agency = unit_by_ref(current_staff(request), request.POST.get("unit", ""))
    try:
        reports_dispatch_bulk(
            reports=reports,
            action=request.POST.get("action", ""),
            actor=current_user(request),
            department=department,
            agency=agency,
            note=request.POST.get("note", "").strip(),
        )
    except PermissionDenied:
        raise
    except DomainError as exc:
        messages.error(request, f"هیچ تغییری ثبت نشد: {exc.message}")
    else:
        messages.success(request, f"{len(reports)} گزارش به‌روز شد.")
    return _back(request)
