"""The field crew's phone view: my open work by deadline or distance, and a one-page
update with photos and the location of the fix."""

from __future__ import annotations

import math

from django import forms
from django.contrib import messages
from django.core.paginator import Page
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from shahrvand.common.errors import DomainError, PermissionDenied
from shahrvand.common.forms import MultipleFileField, PersianFloatField
from shahrvand.common.paging import page_of, query_without
from shahrvand.reports.attachments import prepare_attachments
from shahrvand.reports.duplicates import haversine_m
from shahrvand.reports.models import Attachment, Report
from shahrvand.reports.ordering import by_urgency
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.reports.services import report_field_update
from shahrvand.reports.workflow import Status, allowed_targets
from shahrvand.tenancy.access import current_user, require_field_work, staff_required

WORKING = (Status.ASSIGNED, Status.IN_PROGRESS, Status.FORWARDED_EXTERNAL, Status.REOPENED)


class FieldUpdateForm(forms.Form):
    to_status = forms.ChoiceField(label="وضعیت", required=False)
    note = forms.CharField(
        label="توضیح برای شهروند", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    photos = MultipleFileField(label="عکس", required=False)
    stage = forms.ChoiceField(
        label="عکس مربوط به",
        choices=[(Attachment.Stage.BEFORE, "پیش از کار"), (Attachment.Stage.AFTER, "پس از کار")],
        initial=Attachment.Stage.AFTER,
    )
    lat = PersianFloatField(required=False, widget=forms.HiddenInput)
    lon = PersianFloatField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: object, report: Report, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["to_status"]
        assert isinstance(field, forms.ChoiceField)
        moves = [
            s
            for s in (Status.IN_PROGRESS, Status.RESOLVED, Status.ON_HOLD)
            if s in allowed_targets(report.status)
        ]
        field.choices = [("", "— بدون تغییر —"), *((s.value, s.label) for s in moves)]
        self.fields["photos"].widget.attrs.update(
            {"accept": "image/*", "capture": "environment", "multiple": True}
        )


PAGE = 30


def _mine(request: HttpRequest) -> QuerySet[Report]:
    """All my open work, most urgent and most overdue first."""
    user = current_user(request)
    return by_urgency(reports_visible_to(user).filter(status__in=WORKING))


def _position(request: HttpRequest) -> tuple[float, float] | None:
    """The phone's position from ?lat=&lon=, or None when absent or not a real coordinate."""
    try:
        lat, lon = float(request.GET["lat"]), float(request.GET["lon"])
    except (KeyError, ValueError):
        return None
    if math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180:
        return lat, lon
    return None


@staff_required
def my_work(request: HttpRequest) -> HttpResponse:
    """Open work, by deadline; by distance when the phone sends its position (?lat=&lon=)."""
    require_field_work(current_user(request))
    here = _position(request)
    distances: dict[int, float] = {}
    page: Page[Report]
    if here is None:
        page = page_of(request, _mine(request), size=PAGE)
    else:
        # By distance: measured in Python over all of my open work (a crew's list is short),
        # then paged like the rest; unlocated reports last, in urgency order.
        reports = list(_mine(request))
        for r in reports:
            if r.lat is not None and r.lon is not None:
                distances[r.pk] = haversine_m(here[0], here[1], r.lat, r.lon)
        reports.sort(key=lambda r: distances.get(r.pk, float("inf")))
        page = page_of(request, reports, size=PAGE)
    items = [(r, distances.get(r.pk)) for r in page.object_list]
    return render(
        request,
        "reports/staff/field_list.html",
        {
            "items": items,
            "page": page,
            "query": query_without(request, "page"),
            "by_distance": here is not None,
        },
    )


@staff_required
def field_report(request: HttpRequest, code: str) -> HttpResponse:
    require_field_work(current_user(request))
    report = reports_visible_to(current_user(request)).filter(tracking_code=code).first()
    if report is None:
        raise Http404("گزارش پیدا نشد یا به آن دسترسی ندارید.")
    form = FieldUpdateForm(request.POST or None, request.FILES or None, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report_field_update(
                report=report,
                actor=current_user(request),
                to_status=data["to_status"],
                note=data["note"],
                files=prepare_attachments(data["photos"]),
                stage=data["stage"],
                fix_location=(data["lat"], data["lon"])
                if data["lat"] is not None and data["lon"] is not None
                else None,
            )
        except PermissionDenied:
            raise
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "ثبت شد.")
            return redirect("backoffice:field")
    return render(
        request,
        "reports/staff/field_report.html",
        {"report": report, "form": form, "attachments": report.attachments.all()},
        status=400 if form.is_bound and form.errors else 200,
    )
