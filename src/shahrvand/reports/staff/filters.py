"""The work-queue filter: one form, applied to whatever the user may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone

from shahrvand.categories.models import StandardCategory
from shahrvand.reports import tracking
from shahrvand.reports.models import Priority, Report
from shahrvand.reports.ordering import by_urgency
from shahrvand.reports.workflow import OPEN_STATUSES, Status
from shahrvand.search.backend import search_reports
from shahrvand.tenancy.models import District, StaffProfile
from shahrvand.tenancy.selectors import districts_visible_to

DEADLINE_CHOICES = [
    ("", "همه"),
    ("overdue", "گذشته از مهلت"),
    ("today", "تا پایان امروز"),
    ("24h", "۲۴ ساعت آینده"),
    ("warned", "نزدیک مهلت یا گذشته"),
]
ORDER_CHOICES = [
    ("urgency", "فوری‌ترین و دیرکردترین"),
    ("-created_at", "جدیدترین"),
    ("created_at", "قدیمی‌ترین"),
    ("deadline", "نزدیک‌ترین مهلت"),
    ("-updated_at", "آخرین تغییر"),
]


class QueueFilter(forms.Form):
    status = forms.MultipleChoiceField(
        label="وضعیت", choices=Status.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    open_only = forms.BooleanField(label="فقط باز", required=False)
    standard = forms.ModelChoiceField(
        label="موضوع",
        queryset=StandardCategory.objects.all(),
        required=False,
        empty_label="همه",
        to_field_name="code",
    )
    district = forms.ModelChoiceField(
        label="منطقه", queryset=District.objects.none(), required=False, empty_label="همه"
    )
    priority = forms.ChoiceField(
        label="اولویت", choices=[("", "همه"), *Priority.choices], required=False
    )
    deadline = forms.ChoiceField(label="مهلت", choices=DEADLINE_CHOICES, required=False)
    q = forms.CharField(label="جستجو (متن یا کد پیگیری)", required=False, max_length=200)
    order = forms.ChoiceField(label="ترتیب", choices=ORDER_CHOICES, required=False)

    def __init__(self, *args: Any, profile: StaffProfile, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        assert isinstance(district, forms.ModelChoiceField)
        district.queryset = districts_visible_to(profile).select_related("municipality")

    def apply(self, reports: QuerySet[Report]) -> QuerySet[Report]:
        """Filter `reports` (already limited to what the user may see). Invalid input → none."""
        if not self.is_valid():
            return reports.none()
        data = self.cleaned_data
        if data["status"]:
            reports = reports.filter(status__in=data["status"])
        if data["open_only"]:
            reports = reports.filter(status__in=OPEN_STATUSES)
        if data["standard"]:
            reports = reports.filter(standard=data["standard"])
        if data["district"]:
            reports = reports.filter(district=data["district"])
        if data["priority"]:
            reports = reports.filter(priority=data["priority"])
        reports = _deadline(reports, data["deadline"])
        if data["q"]:
            reports = search(reports, data["q"])
        if not data["order"] or data["order"] == "urgency":
            return by_urgency(reports)
        return reports.order_by(data["order"], "-id")


def _deadline(reports: QuerySet[Report], choice: str) -> QuerySet[Report]:
    now = timezone.now()
    open_ = reports.filter(status__in=OPEN_STATUSES)
    if choice == "overdue":
        return open_.filter(deadline__lt=now)
    if choice == "today":
        end = timezone.localtime(now).replace(hour=23, minute=59, second=59)
        return open_.filter(deadline__lte=end)
    if choice == "24h":
        return open_.filter(deadline__lte=now + dt.timedelta(hours=24))
    if choice == "warned":
        return open_.filter(sla_state__in=["warned", "breached", "escalated"])
    return reports


def search(reports: QuerySet[Report], text: str) -> QuerySet[Report]:
    """A tracking code finds that report; otherwise full text over description and notes."""
    code = tracking.parse(text)
    if code:
        return reports.filter(tracking_code=code)
    return search_reports(reports, text)
