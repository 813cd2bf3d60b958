"""Municipality admins maintain their local holidays (Jalali dates) here, beside the official
calendar built into the product and the province's closures, which they see read-only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shahrvand.common.errors import DomainError
from shahrvand.common.jalali import to_jalali
from shahrvand.deadlines.models import parse_jalali
from shahrvand.deadlines.official import official_holidays
from shahrvand.deadlines.selectors import entered_days, holidays_managed_by
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
    profile = require_reference_admin(current_user(request), message=ADMIN_ONLY)
    municipality = profile.municipality
    assert municipality is not None  # municipality admins always have one
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            holiday = holiday_create(actor=current_user(request), **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "تعطیلی ثبت شد؛ مهلت‌های گزارش‌های تازه با آن حساب می‌شوند.")
            year = to_jalali(holiday.date).year  # back to the year of the day just added
            return redirect(f"{reverse('backoffice:holidays')}?year={year}")
    this_year = int(to_jalali(timezone.localdate()).year)
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 1300), 1500)
    rows = [(None, day) for day in official_holidays(year)] + entered_days(municipality, year)
    rows.sort(key=lambda pair: pair[1].date)
    return render(
        request,
        "deadlines/staff/holidays.html",
        {"form": form, "rows": rows, "year": year},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_required
def holiday_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    require_reference_admin(current_user(request), message=ADMIN_ONLY)
    year = ""
    for holiday in holidays_managed_by(current_staff(request)).filter(pk=pk):
        year = f"?year={to_jalali(holiday.date).year}"
        holiday_delete(actor=current_user(request), holiday=holiday)
    return redirect(reverse("backoffice:holidays") + year)
