"""Staff pages of one report: phone intake, and the report page with its workflow actions."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.categories.selectors import categories_visible_to
from shahrvand.common.errors import DomainError, PermissionDenied
from shahrvand.reports import tracking
from shahrvand.reports.models import Channel, Report
from shahrvand.reports.selectors import reports_of_caller, reports_visible_to
from shahrvand.reports.services import (
    ReportInput,
    report_add_note,
    report_assign,
    report_recategorise,
    report_register_by_phone,
    report_relocate,
    report_transition,
)
from shahrvand.reports.services.privacy import masked_phone, reveal_reporter
from shahrvand.reports.services.visibility import report_set_public
from shahrvand.reports.workflow import Status
from shahrvand.routing.engine import route_for
from shahrvand.tenancy.access import (
    can_act,
    can_assign,
    current_staff,
    current_user,
    require_act,
    require_assign,
    require_intake,
    staff_required,
)
from shahrvand.tenancy.selectors import unit_by_ref

from .forms import (
    AssignForm,
    CallerFeedbackForm,
    CategoryForm,
    IntakeForm,
    LocationForm,
    NoteForm,
    TransitionForm,
    VisibilityForm,
)

PAGE_SIZE = 50


@staff_required
def intake(request: HttpRequest) -> HttpResponse:
    require_intake(current_user(request))
    profile = current_staff(request)
    assert profile.municipality is not None  # require_intake
    form = IntakeForm(request.POST or None, profile=profile, municipality=profile.municipality)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = report_register_by_phone(
                data=ReportInput(
                    municipality=profile.municipality,
                    category_code=data["category"],
                    description=data["description"],
                    channel=Channel.PHONE,
                    lat=data["lat"],
                    lon=data["lon"],
                    district_id=data["district"].pk if data["district"] else None,
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
        "reports/staff/intake.html",
        {"form": form, "profile": profile},
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_required
def intake_done(request: HttpRequest, code: str) -> HttpResponse:
    report = _visible_report(request, code)
    return render(
        request,
        "reports/staff/intake_done.html",
        {"report": report, "code_display": tracking.display(report.tracking_code)},
    )


@staff_required
def caller_history(request: HttpRequest) -> HttpResponse:
    """HTMX partial: the caller's earlier reports, looked up as the operator types the number."""
    reports = reports_of_caller(request.user, request.GET.get("caller_phone", ""))
    return render(request, "reports/staff/_caller_history.html", {"reports": reports})


def _visible_report(request: HttpRequest, code: str) -> Report:
    report = reports_visible_to(request.user).filter(tracking_code=code).first()
    if report is None:
        raise Http404("گزارش پیدا نشد یا به آن دسترسی ندارید.")
    return report


@staff_required
def report_detail(request: HttpRequest, code: str) -> HttpResponse:
    return _render_detail(request, _visible_report(request, code))


def _default_unit(report: Report) -> str:
    """The unit «ارجاع به» starts on: the current one, else the route the rules suggest for
    the report's category (none while that category is only a guess, decision 0039)."""
    if report.assigned_agency_id:
        return f"a:{report.assigned_agency_id}"
    if report.assigned_department_id:
        return f"d:{report.assigned_department_id}"
    if report.awaiting_category:
        return ""
    route = route_for(category=report.category, district=report.district, priority=report.priority)
    if route.agency is not None:
        return f"a:{route.agency.pk}"
    return f"d:{route.department.pk}" if route.department is not None else ""


def _render_detail(
    request: HttpRequest,
    report: Report,
    *,
    bound: dict[str, forms.Form] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The report page; `bound` replaces the blank form of a slot with one showing errors."""
    profile = current_staff(request)
    blank: dict[str, forms.Form] = {
        "transition_form": TransitionForm(current=report.status),
        "assign_form": AssignForm(
            profile=profile,
            municipality=report.municipality,
            initial={"unit": _default_unit(report)},
        ),
        "note_form": NoteForm(),
        "caller_feedback_form": CallerFeedbackForm(),
        "category_form": CategoryForm(
            municipality=report.municipality,
            # A low-confidence guess is never pre-selected (decision 0039): it is shown
            # beside the empty select as a suggestion.
            initial={} if report.awaiting_category else {"category": report.category.code},
        ),
        "location_form": LocationForm(initial={"lat": report.lat, "lon": report.lon}),
        "visibility_form": VisibilityForm(),
    }
    revealed = None
    if request.GET.get("reveal") == "1":
        revealed = reveal_reporter(report=report, user=current_user(request), channel="ui")
    context = {
        "report": report,
        "profile": profile,
        "revealed": revealed,
        "masked_phone": masked_phone(report),
        "code_display": tracking.display(report.tracking_code),
        "events": report.events.select_related("actor").all(),
        "attachments": report.attachments.all(),
        "can_act": can_act(profile),
        "can_assign": can_assign(profile),
        **blank,
        **(bound or {}),
    }
    return render(request, "reports/staff/report_detail.html", context, status=status)


def _act(
    request: HttpRequest,
    report: Report,
    form: forms.Form,
    slot: str,
    action: Callable[[dict[str, Any]], object],
    done: str,
) -> HttpResponse:
    """Run a report action from a bound form: on success flash `done` and go back to the
    report; on bad input or a refused action show the page again with the form's errors
    in its `slot`. A refusal of the actor's role is not a form error: staff_required
    answers it with 403."""
    if form.is_valid():
        try:
            action(form.cleaned_data)
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, done)
            return redirect("backoffice:report_detail", code=report.tracking_code)
    return _render_detail(request, report, bound={slot: form}, status=400)


@require_POST
@staff_required
def report_change_status(request: HttpRequest, code: str) -> HttpResponse:
    require_act(current_user(request))
    report = _visible_report(request, code)

    def change(data: dict[str, Any]) -> object:
        parent = None
        if data["to_status"] == Status.DUPLICATE:
            parent_code = tracking.parse(data["duplicate_of"]) or ""
            parent = reports_visible_to(request.user).filter(tracking_code=parent_code).first()
            if parent is None:
                raise DomainError("گزارش اصلی با این کد پیدا نشد.", field="duplicate_of")
        return report_transition(
            report=report,
            to_status=data["to_status"],
            actor=current_user(request),
            note=data["note"],
            public=data["public"],
            duplicate_of=parent,
        )

    form = TransitionForm(request.POST, current=report.status)
    return _act(request, report, form, "transition_form", change, "وضعیت گزارش تغییر کرد.")


@require_POST
@staff_required
def report_assign_view(request: HttpRequest, code: str) -> HttpResponse:
    require_assign(current_user(request))
    report = _visible_report(request, code)
    profile = current_staff(request)

    def assign(data: dict[str, Any]) -> object:
        department, agency = unit_by_ref(profile, data["unit"], within=report.municipality)
        return report_assign(
            report=report,
            actor=current_user(request),
            department=department,
            agency=agency,
            note=data["note"],
        )

    form = AssignForm(request.POST, profile=profile, municipality=report.municipality)
    return _act(request, report, form, "assign_form", assign, "گزارش ارجاع شد.")


@require_POST
@staff_required
def report_note(request: HttpRequest, code: str) -> HttpResponse:
    require_act(current_user(request))
    report = _visible_report(request, code)

    def note(data: dict[str, Any]) -> object:
        return report_add_note(
            report=report, actor=current_user(request), note=data["note"], public=data["public"]
        )

    return _act(request, report, NoteForm(request.POST), "note_form", note, "یادداشت ثبت شد.")


@require_POST
@staff_required
def report_category(request: HttpRequest, code: str) -> HttpResponse:
    require_assign(current_user(request))
    report = _visible_report(request, code)
    profile = current_staff(request)

    def recategorise(data: dict[str, Any]) -> object:
        category = (
            categories_visible_to(profile, within=report.municipality)
            .filter(code=data["category"])
            .get()
        )
        return report_recategorise(
            report=report, category=category, actor=current_user(request), note=data["note"]
        )

    form = CategoryForm(request.POST, municipality=report.municipality)
    return _act(
        request, report, form, "category_form", recategorise, "موضوع گزارش اصلاح و دوباره ارجاع شد."
    )


@require_POST
@staff_required
def report_location(request: HttpRequest, code: str) -> HttpResponse:
    require_act(current_user(request))
    report = _visible_report(request, code)

    def relocate(data: dict[str, Any]) -> object:
        return report_relocate(
            report=report, lat=data["lat"], lon=data["lon"], actor=current_user(request)
        )

    form = LocationForm(request.POST)
    return _act(request, report, form, "location_form", relocate, "مکان گزارش اصلاح شد.")


@require_POST
@staff_required
def report_visibility(request: HttpRequest, code: str) -> HttpResponse:
    """Withdraw the report from public channels or publish it again (the service checks
    the role)."""
    report = _visible_report(request, code)

    def set_public(data: dict[str, Any]) -> object:
        return report_set_public(
            report=report, public=data["public"], actor=current_user(request), note=data["note"]
        )

    form = VisibilityForm(request.POST)
    return _act(
        request, report, form, "visibility_form", set_public, "نمایش عمومی گزارش تغییر کرد."
    )
