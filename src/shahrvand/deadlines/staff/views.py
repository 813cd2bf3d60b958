"""Municipality admins maintain their local holidays (Jalali dates) here, beside the official
calendar built into the product and the province's closures, which they see read-only."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from shahrvand.backoffice.access import current_staff, staff_required
from shahrvand.common.jalali import to_jalali
from shahrvand.deadlines.models import Holiday, parse_jalali
from shahrvand.deadlines.official import official_holidays
from shahrvand.deadlines.selectors import entered_days
from shahrvand.tenancy.models import Role


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


def _require_admin(request: HttpRequest) -> None:
    if current_staff(request).role != Role.MUNICIPALITY_ADMIN:
        raise PermissionDenied("تقویم تعطیلات را مدیر سامانه شهرداری نگه می‌دارد.")


@staff_required
def holidays(request: HttpRequest) -> HttpResponse:
    _require_admin(request)
    municipality = current_staff(request).municipality
    form = HolidayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        date = parse_jalali(form.cleaned_data["jalali"])
        if Holiday.objects.filter(municipality=municipality, date=date).exists():
            form.add_error("jalali", "این روز پیش‌تر ثبت شده است.")
        else:
            Holiday.objects.create(municipality=municipality, **form.cleaned_data)
            messages.success(request, "تعطیلی ثبت شد؛ مهلت‌های گزارش‌های تازه با آن حساب می‌شوند.")
            year = to_jalali(date).year  # back to the year of the day just added
            return redirect(f"{reverse('backoffice:holidays')}?year={year}")
    this_year = int(to_jalali(timezone.localdate()).year)
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 1300), 1500)
    assert municipality is not None  # municipality admins always have one
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
def holiday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    year = ""
    for holiday in Holiday.objects.filter(pk=pk, municipality=current_staff(request).municipality):
        year = f"?year={to_jalali(holiday.date).year}"
        holiday.delete()  # per row, so the cached calendar is forgotten
    return redirect(reverse("backoffice:holidays") + year)
