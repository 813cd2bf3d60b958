"""A reporter's verdict given on the phone, recorded by the 137 operator (decision 0032):
the citizen's own pages need proof of being the reporter; here the operator vouches, and
the report's history names the operator."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from shahrvand.common.errors import DomainError
from shahrvand.reports.selectors import reports_visible_to
from shahrvand.reports.services.feedback import report_feedback_for_caller
from shahrvand.tenancy.access import current_user, staff_required

from .forms import CallerFeedbackForm


@require_POST
@staff_required
def caller_feedback(request: HttpRequest, code: str) -> HttpResponse:
    report = reports_visible_to(request.user).filter(tracking_code=code).first()
    if report is None:
        raise Http404("گزارش پیدا نشد یا به آن دسترسی ندارید.")
    form = CallerFeedbackForm(request.POST)
    if not form.is_valid():
        for field_errors in form.errors.values():
            for error in field_errors:
                messages.error(request, str(error))
        return redirect("backoffice:report_detail", code=report.tracking_code)
    try:
        report_feedback_for_caller(
            report=report,
            actor=current_user(request),
            accepted=form.cleaned_data["accepted"],
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("backoffice:report_detail", code=report.tracking_code)
    messages.success(request, "نظر تماس‌گیرنده به نام شما در سابقه گزارش ثبت شد.")
    return redirect("backoffice:report_detail", code=report.tracking_code)
