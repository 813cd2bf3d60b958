"""Back-office pages: report list, operator phone intake, report page with workflow actions."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.categories.models import Category
from shahrvand.common.errors import DomainError
from shahrvand.reports import tracking
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.selectors import reports_of_caller, reports_visible_to
from shahrvand.reports.services import (
    ReportInput,
    report_add_note,
    report_assign,
    report_create,
    report_transition,
)
from shahrvand.reports.services.category import report_recategorise, report_relocate
from shahrvand.reports.workflow import Status
from shahrvand.tenancy.models import Department, ExternalAgency, StaffProfile

from .access import (
    can_act,
    can_assign,
    can_register,
    current_staff,
    current_user,
    staff_required,
)
from .forms import AssignForm, CategoryForm, IntakeForm, LocationForm, NoteForm, TransitionForm

PAGE_SIZE = 50


@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    profile = current_staff(request)
    if not can_register(profile) or profile.municipality is None:
        raise PermissionDenied("ثبت تلفنی گزارش برای نقش شما مجاز نیست.")
    form = IntakeForm(request.POST or None, municipality=profile.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = report_create(
                data=ReportInput(
                    municipality=profile.municipality,
                    category_code=data["category"],
                    description=data["description"],
                    channel=Channel.PHONE,
                    lat=data["lat"],
                    lon=data["lon"],
                    district_id=data["district"].pk,
                    address=data["address"],
                    priority=data["priority"],
                    reporter_name=data["caller_name"],
                    reporter_phone=data["caller_phone"],
                ),
                actor=current_user(request),
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(
                request, f"ثبت شد. کد پیگیری: {tracking.display(report.tracking_code)}"
            )
            return redirect("backoffice:intake_done", code=report.tracking_code)
    return render(
        request,
        "backoffice/intake.html",
        {"form": form, "profile": profile},
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_required
def intake_done(request: HttpRequest, code: str) -> HttpResponse:
    report = _visible_report(request, code)
    return render(
        request,
        "backoffice/intake_done.html",
        {"report": report, "code_display": tracking.display(report.tracking_code)},
    )


@staff_required
def caller_history(request: HttpRequest) -> HttpResponse:
    """HTMX partial: the caller's earlier reports, looked up as the operator types the number."""
    reports = reports_of_caller(request.user, request.GET.get("caller_phone", ""))
    return render(request, "backoffice/_caller_history.html", {"reports": reports})


def _visible_report(request: HttpRequest, code: str) -> Report:
    report = reports_visible_to(request.user).filter(tracking_code=code).first()
    if report is None:
        raise Http404("گزارش پیدا نشد یا به آن دسترسی ندارید.")
    return report


@staff_required
def report_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _render_detail(request, _visible_report(request, code))


def _render_detail(
    request: HttpRequest,
    report: Report,
    *,
    transition_form: TransitionForm | None = None,
    assign_form: AssignForm | None = None,
    note_form: NoteForm | None = None,
    category_form: CategoryForm | None = None,
    location_form: LocationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    profile = current_staff(request)
    context = {
        "report": report,
        "profile": profile,
        "code_display": tracking.display(report.tracking_code),
        "events": report.events.select_related("actor").all(),
        "attachments": report.attachments.all(),
        "can_act": can_act(profile),
        "can_assign": can_assign(profile),
        "transition_form": transition_form or TransitionForm(current=report.status),
        "assign_form": assign_form or AssignForm(municipality=report.municipality),
        "note_form": note_form or NoteForm(),
        "category_form": category_form
        or CategoryForm(
            municipality=report.municipality, initial={"category": report.category.code}
        ),
        "location_form": location_form
        or LocationForm(initial={"lat": report.lat, "lon": report.lon}),
    }
    return render(request, "backoffice/report_detail.html", context, status=status)


def _require_act(request: HttpRequest) -> StaffProfile:
    profile = current_staff(request)
    if not can_act(profile):
        raise PermissionDenied("نقش شما فقط امکان مشاهده دارد.")
    return profile


@require_POST
@staff_required
def report_change_status(request: HttpRequest, code: str) -> HttpResponse:
    _require_act(request)
    report = _visible_report(request, code)
    form = TransitionForm(request.POST, current=report.status)
    if form.is_valid():
        parent = None
        parent_code = tracking.parse(form.cleaned_data["duplicate_of"])
        if form.cleaned_data["to_status"] == Status.DUPLICATE:
            parent = reports_visible_to(request.user).filter(tracking_code=parent_code).first()
            if parent is None:
                form.add_error("duplicate_of", "گزارش اصلی با این کد پیدا نشد.")
        if not form.errors:
            try:
                report_transition(
                    report=report,
                    to_status=form.cleaned_data["to_status"],
                    actor=current_user(request),
                    note=form.cleaned_data["note"],
                    public=form.cleaned_data["public"],
                    duplicate_of=parent,
                )
            except DomainError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, "وضعیت گزارش تغییر کرد.")
                return redirect("backoffice:report_detail", code=code)
    return _render_detail(request, report, transition_form=form, status=400)


@require_POST
@staff_required
def report_assign_view(request: HttpRequest, code: str) -> HttpResponse:
    profile = _require_act(request)
    if not can_assign(profile):
        raise PermissionDenied("ارجاع برای نقش شما مجاز نیست.")
    report = _visible_report(request, code)
    form = AssignForm(request.POST, municipality=report.municipality)
    if form.is_valid():
        kind, _, pk = form.cleaned_data["unit"].partition(":")
        department = (
            Department.objects.filter(pk=pk, municipality=report.municipality).first()
            if kind == "d"
            else None
        )
        agency = (
            ExternalAgency.objects.filter(pk=pk, municipality=report.municipality).first()
            if kind == "a"
            else None
        )
        try:
            report_assign(
                report=report,
                actor=current_user(request),
                department=department,
                agency=agency,
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "گزارش ارجاع شد.")
            return redirect("backoffice:report_detail", code=code)
    return _render_detail(request, report, assign_form=form, status=400)


@require_POST
@staff_required
def report_note(request: HttpRequest, code: str) -> HttpResponse:
    _require_act(request)
    report = _visible_report(request, code)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            report_add_note(
                report=report,
                actor=current_user(request),
                note=form.cleaned_data["note"],
                public=form.cleaned_data["public"],
            )
        except DomainError as exc:
            form.add_error("note", exc.message)
        else:
            messages.success(request, "یادداشت ثبت شد.")
            return redirect("backoffice:report_detail", code=code)
    return _render_detail(request, report, note_form=form, status=400)


@require_POST
@staff_required
def report_category(request: HttpRequest, code: str) -> HttpResponse:
    profile = _require_act(request)
    if not can_assign(profile):
        raise PermissionDenied("تغییر موضوع برای نقش شما مجاز نیست.")
    report = _visible_report(request, code)
    form = CategoryForm(request.POST, municipality=report.municipality)
    if form.is_valid():
        category = Category.objects.get(
            municipality=report.municipality, code=form.cleaned_data["category"]
        )
        try:
            report_recategorise(
                report=report,
                category=category,
                actor=current_user(request),
                note=form.cleaned_data["note"],
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "موضوع گزارش اصلاح و دوباره ارجاع شد.")
            return redirect("backoffice:report_detail", code=code)
    return _render_detail(request, report, category_form=form, status=400)


@require_POST
@staff_required
def report_location(request: HttpRequest, code: str) -> HttpResponse:
    _require_act(request)
    report = _visible_report(request, code)
    form = LocationForm(request.POST)
    if form.is_valid():
        try:
            report_relocate(
                report=report,
                lat=form.cleaned_data["lat"],
                lon=form.cleaned_data["lon"],
                actor=current_user(request),
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "مکان گزارش اصلاح شد.")
            return redirect("backoffice:report_detail", code=code)
    return _render_detail(request, report, location_form=form, status=400)
