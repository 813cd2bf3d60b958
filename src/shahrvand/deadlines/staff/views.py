"""Municipality admins maintain their holiday calendar (Jalali dates) here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.common.errors import DomainError
from shahrvand.deadlines.models import parse_jalali
from shahrvand.deadlines.selectors import holidays_managed_by, holidays_visible_to
from shahrvand.deadlines.services import ADMIN_ONLY, holiday_create, holiday_delete
from shahrvand.tenancy.access import (
    current_staff,
    current_user,
    require_reference_admin,
    staff_required,
)


class HolidayForm(forms.Form):
    jalali = forms.CharField(label="تاریخ (شمسی)", max_length=10, help_text="مانند ۱۴۰۵/۰۱/۰۱")
    title = forms.CharField(label="مناسبت", max_length=160)

    def clean_jalali(self) -> str:
        value: str = self.cleaned_data["jalali"]
        try:
            parse_jalali(value)
        except ValidationError as exc:
            raise forms.ValidationError(exc.message_dict["jalali"]) from exc
        return value


@staff_required
def holidays(request: HttpRequest) -> HttpResponse:
    require_reference_admin(current_user(request), message=ADMIN_ONLY)
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            holiday_create(actor=current_user(request), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "تعطیلی ثبت شد؛ مهلت‌های گزارش‌های تازه با آن حساب می‌شوند.")
            return redirect("backoffice:holidays")
    rows = holidays_visible_to(current_staff(request))
    return render(
        request,
        "deadlines/staff/holidays.html",
        {"form": form, "rows": rows},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_required
def holiday_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_reference_admin(current_user(request), message=ADMIN_ONLY)
    for holiday in holidays_managed_by(current_staff(request)).filter(pk=pk):
        holiday_delete(actor=current_user(request), holiday=holiday)
    return redirect("backoffice:holidays")
