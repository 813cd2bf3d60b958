"""Municipality admins maintain their holiday calendar (Jalali dates) here."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.deadlines.models import Holiday, parse_jalali
from shahrvand.tenancy.access import current_staff, staff_required
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
            return redirect("backoffice:holidays")
    rows = Holiday.objects.filter(Q(municipality=municipality) | Q(municipality__isnull=True))
    return render(
        request,
        "backoffice/holidays.html",
        {"form": form, "rows": rows},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_required
def holiday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    for holiday in Holiday.objects.filter(pk=pk, municipality=current_staff(request).municipality):
        holiday.delete()  # per row, so the cached calendar is forgotten
    return redirect("backoffice:holidays")
