"""Staff pages of the supervisory-report archive: list, generate on demand, download."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from shahrvand.common.errors import DomainError
from shahrvand.common.jalali import to_jalali
from shahrvand.tenancy.access import (
    SUPERVISORY_READERS,
    current_staff,
    current_user,
    staff_required,
)
from shahrvand.tenancy.models import Municipality

from .content import PROVINCE, JalaliMonth
from .selectors import archive_visible_to, scopes_for
from .services import supervisory_report_generate


class GenerateForm(forms.Form):
    month = forms.CharField(label="ماه (شمسی، سال-ماه)", max_length=10)
    scope = forms.ChoiceField(label="گستره")

    def __init__(self, *args: object, scopes: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["scope"].choices = scopes  # type: ignore[attr-defined]


def _last_month() -> str:
    today = to_jalali(timezone.localdate())
    year, month = (today.year, today.month - 1) if today.month > 1 else (today.year - 1, 12)
    return f"{year}-{month:02d}"


@staff_required
def archive(request: HttpRequest) -> HttpResponse:
    profile = current_staff(request)
    if profile.role not in SUPERVISORY_READERS:
        raise PermissionDenied("گزارش‌های نظارتی برای مدیران و ناظر استانی است.")
    scopes = scopes_for(profile)
    form = GenerateForm(request.POST or None, scopes=scopes, initial={"month": _last_month()})
    if request.method == "POST":
        if not scopes:
            raise PermissionDenied("تهیهٔ گزارش نظارتی با مدیر سامانه یا ناظر استانی است.")
        if form.is_valid():
            try:
                month = JalaliMonth.parse(form.cleaned_data["month"])
            except DomainError as exc:
                form.add_error("month", exc.message)
            else:
                scope = form.cleaned_data["scope"]
                muni = None if scope == PROVINCE else Municipality.objects.get(slug=scope)
                supervisory_report_generate(
                    municipality=muni, month=month, actor=current_user(request)
                )
                messages.success(request, f"گزارش {month.label_fa} تهیه و بایگانی شد.")
                return redirect("supervisory:archive")
    return render(
        request,
        "exports/archive.html",
        {"reports": archive_visible_to(profile)[:120], "form": form, "can_generate": bool(scopes)},
        status=400 if form.is_bound and form.errors else 200,
    )


@staff_required
def download(request: HttpRequest, pk: int, kind: str) -> FileResponse:
    report = archive_visible_to(current_staff(request)).filter(pk=pk).first()
    if report is None:
        raise Http404("گزارش پیدا نشد.")
    field = report.pdf if kind == "pdf" else report.xlsx
    name = f"shahrvand-{report.scope}-{report.month_key}.{kind}"
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)
