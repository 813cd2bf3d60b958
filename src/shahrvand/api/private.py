"""Private (staff) part of API v1: queues, status changes, assignment, notes, merge.

What a caller may see is decided by reports.selectors.reports_visible_to, as in the UI.
"""

from typing import Any, Literal

from django.contrib.auth.models import User
from django.db.models import F
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja import Status as WithStatus
from ninja.pagination import paginate

from shahrvand.categories.selectors import categories_visible_to
from shahrvand.common.api_errors import ErrorOut
from shahrvand.common.errors import NotFound
from shahrvand.common.persian import normalize_text
from shahrvand.reports import tracking
from shahrvand.reports.models import Report
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.reports.services import (
    report_add_note,
    report_assign,
    report_merge,
    report_transition,
)
from shahrvand.reports.services.category import report_recategorise, report_relocate
from shahrvand.reports.services.feedback import report_feedback_for_caller
from shahrvand.reports.services.privacy import reveal_reporter
from shahrvand.reports.services.visibility import report_set_public
from shahrvand.reports.workflow import Status
from shahrvand.search.backend import search_reports
from shahrvand.tenancy.access import require_act, require_assign, staff_profile_of
from shahrvand.tenancy.selectors import agencies_visible_to, departments_visible_to

from . import serializers
from .auth import PRIVATE_AUTH
from .pagination import BoundedPageNumberPagination, SerializedRows
from .schemas import (
    AssignIn,
    CategoryIn,
    EventOut,
    FeedbackIn,
    LocationIn,
    MergeIn,
    NoteIn,
    StaffReportDetailOut,
    StaffReportOut,
    StatusIn,
    VisibilityIn,
)

router = Router(tags=["staff"], auth=PRIVATE_AUTH)
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut}
ORDERINGS = ("created_at", "-created_at", "deadline", "-deadline", "updated_at", "-updated_at")


class ReportFilters(Schema):
    status: list[Status] | None = None
    category: str | None = None
    standard: str | None = None
    district: int | None = None
    priority: str | None = None
    q: str | None = None
    ordering: Literal[ORDERINGS] = "-created_at"  # type: ignore[valid-type]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _visible(request: HttpRequest, code: str, *, for_update: bool = False) -> Report:
    report = (
        reports_visible_to(_user(request)).filter(tracking_code=tracking.parse(code) or "").first()
    )
    if report is None:
        raise NotFound(
            "گزارش پیدا نشد یا به آن دسترسی ندارید.",
            message_en="Report not found or not visible to you.",
            field="tracking_code",
        )
    if for_update:
        # The services check it too; asked first so that a read-only role gets 403
        # before any other lookup of the request can answer 404.
        require_act(_user(request), municipality_id=report.municipality_id)
    return report


def _detail(report: Report) -> dict[str, Any]:
    fresh = (
        Report.objects.select_related(
            "municipality",
            "category",
            "district",
            "assigned_department",
            "assigned_agency",
            "duplicate_of",
        )
        .prefetch_related("events")
        .get(pk=report.pk)
    )
    return serializers.staff_report_detail(fresh)


@router.get("/reports", response=list[StaffReportOut])
@paginate(BoundedPageNumberPagination, page_size=50)
def list_reports(request: HttpRequest, filters: Query[ReportFilters]) -> SerializedRows[Report]:
    """Reports visible to the caller, filtered, searched and ordered."""
    qs = reports_visible_to(_user(request))
    if filters.status:
        qs = qs.filter(status__in=[s.value for s in filters.status])
    if filters.category:
        qs = qs.filter(category__code=filters.category)
    if filters.standard:
        qs = qs.filter(standard_id=filters.standard)
    if filters.district is not None:
        qs = qs.filter(district__number=filters.district)
    if filters.priority:
        qs = qs.filter(priority=filters.priority)
    if filters.q:
        term = normalize_text(filters.q, keep_newlines=False)
        code = tracking.parse(term)
        qs = qs.filter(tracking_code=code) if code else search_reports(qs, term)
    # The list shows the duplicate's code only (a join of one column, not a second report
    # row) and no reporter name or search text.
    page_rows = (
        qs.annotate(duplicate_of_code=F("duplicate_of__tracking_code"))
        .defer("search_text", "reporter_name", "feedback_comment")
        .order_by(filters.ordering, "-id")
    )
    return SerializedRows(page_rows, serializers.staff_report)


@router.get("/reports/{code}", response={200: StaffReportDetailOut, **ERRORS})
def get_report(request: HttpRequest, code: str) -> Any:
    """The full report, reporter's name and phone included (this view is logged)."""
    report = _visible(request, code)
    return _detail(report) | reveal_reporter(report=report, user=_user(request), channel="api")


@router.post("/reports/{code}/status", response={200: StaffReportDetailOut, **ERRORS})
def change_status(request: HttpRequest, code: str, payload: StatusIn) -> Any:
    report = _visible(request, code, for_update=True)
    parent = None
    if payload.duplicate_of:
        parent = _visible(request, payload.duplicate_of)
    report = report_transition(
        report=report,
        to_status=payload.to_status,
        actor=_user(request),
        note=payload.note,
        public=payload.public,
        duplicate_of=parent,
    )
    return _detail(report)


@router.post("/reports/{code}/assign", response={200: StaffReportDetailOut, **ERRORS})
def assign(request: HttpRequest, code: str, payload: AssignIn) -> Any:
    report = _visible(request, code, for_update=True)
    require_assign(_user(request), municipality_id=report.municipality_id)  # before the lookups
    profile = staff_profile_of(_user(request))
    department = agency = None
    if payload.department:
        department = (
            departments_visible_to(profile, within=report.municipality)
            .filter(code=payload.department)
            .first()
        )
        if department is None:
            raise NotFound("واحد پیدا نشد.", message_en="Unknown department.", field="department")
    if payload.agency:
        agency = (
            agencies_visible_to(profile, within=report.municipality)
            .filter(code=payload.agency)
            .first()
        )
        if agency is None:
            raise NotFound("دستگاه پیدا نشد.", message_en="Unknown agency.", field="agency")
    report = report_assign(
        report=report, actor=_user(request), department=department, agency=agency, note=payload.note
    )
    return _detail(report)


@router.post("/reports/{code}/notes", response={201: EventOut, **ERRORS})
def add_note(request: HttpRequest, code: str, payload: NoteIn) -> Any:
    report = _visible(request, code, for_update=True)
    event = report_add_note(
        report=report, actor=_user(request), note=payload.note, public=payload.public
    )
    return WithStatus(201, serializers.event_dict(event))


@router.post("/reports/{code}/feedback", response={200: StaffReportDetailOut, **ERRORS})
def caller_feedback(request: HttpRequest, code: str, payload: FeedbackIn) -> Any:
    """Record the verdict a reporter gave by phone (operator, dispatcher, municipality
    admin); the history names the staff member who recorded it."""
    report = report_feedback_for_caller(
        report=_visible(request, code, for_update=True),
        actor=_user(request),
        accepted=payload.accepted,
        rating=payload.rating,
        comment=payload.comment,
    )
    return _detail(report)


@router.post("/reports/{code}/merge", response={200: StaffReportDetailOut, **ERRORS})
def merge(request: HttpRequest, code: str, payload: MergeIn) -> Any:
    """Mark the listed reports duplicates of this one (all or none)."""
    parent = _visible(request, code, for_update=True)
    children = [_visible(request, child, for_update=True) for child in payload.children]
    report_merge(parent=parent, children=children, actor=_user(request), note=payload.note)
    return _detail(parent)


@router.post("/reports/{code}/category", response={200: StaffReportDetailOut, **ERRORS})
def change_category(request: HttpRequest, code: str, payload: CategoryIn) -> Any:
    """Correct the category; the report is routed again and the classifier learns from it."""
    report = _visible(request, code, for_update=True)
    profile = staff_profile_of(_user(request))
    category = (
        categories_visible_to(profile, within=report.municipality, active_only=True)
        .filter(code=payload.category)
        .first()
    )
    if category is None:
        raise NotFound("دسته پیدا نشد.", message_en="Unknown category.", field="category")
    report = report_recategorise(
        report=report, category=category, actor=_user(request), note=payload.note
    )
    return _detail(report)


@router.post("/reports/{code}/location", response={200: StaffReportDetailOut, **ERRORS})
def change_location(request: HttpRequest, code: str, payload: LocationIn) -> Any:
    """Set or correct the point (district and route follow)."""
    report = _visible(request, code, for_update=True)
    report = report_relocate(report=report, lat=payload.lat, lon=payload.lon, actor=_user(request))
    return _detail(report)


@router.post("/reports/{code}/visibility", response={200: StaffReportDetailOut, **ERRORS})
def change_visibility(request: HttpRequest, code: str, payload: VisibilityIn) -> Any:
    """Withdraw the report from every public channel (`public: false`) or publish it again."""
    report = _visible(request, code, for_update=True)
    report = report_set_public(
        report=report, public=payload.public, actor=_user(request), note=payload.note
    )
    return _detail(report)
