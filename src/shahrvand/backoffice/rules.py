"""Municipality admins edit their routing rules (conditions → unit), in priority order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.categories.models import Category
from shahrvand.reports.models import Priority
from shahrvand.routing.models import WEEKDAYS_FA, RoutingRule
from shahrvand.tenancy.access import current_staff, staff_required
from shahrvand.tenancy.models import Department, District, ExternalAgency, Municipality, Role


class RuleForm(forms.ModelForm[RoutingRule]):
    weekdays = forms.TypedMultipleChoiceField(
        label="روزها (خالی: همه)",
        choices=list(WEEKDAYS_FA.items()),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = RoutingRule
        fields = [
            "name", "order", "category", "standard", "district", "priority", "weekdays",
            "start_time", "end_time", "department", "agency",
        ]  # fmt: skip
        labels = {
            "name": "نام قاعده", "order": "ترتیب (کوچک‌تر زودتر)", "category": "دسته محلی",
            "standard": "کد استاندارد", "district": "منطقه", "priority": "اولویت",
            "start_time": "از ساعت", "end_time": "تا ساعت", "department": "واحد مقصد",
            "agency": "دستگاه مقصد",
        }  # fmt: skip
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}),
            "end_time": forms.TimeInput(attrs={"type": "time"}),
        }

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        scoped = {
            "category": Category.objects.filter(municipality=municipality),
            "district": District.objects.filter(municipality=municipality),
            "department": Department.objects.filter(municipality=municipality),
            "agency": ExternalAgency.objects.filter(municipality=municipality),
        }
        self.fields["priority"] = forms.ChoiceField(
            label="اولویت", choices=[("", "همه"), *Priority.choices], required=False
        )
        for name, queryset in scoped.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset


def _admin_municipality(request: HttpRequest) -> Municipality:
    profile = current_staff(request)
    if profile.role != Role.MUNICIPALITY_ADMIN or profile.municipality is None:
        raise PermissionDenied("قواعد ارجاع را مدیر سامانه شهرداری تعیین می‌کند.")
    return profile.municipality


@staff_required
def routing_rules(request: HttpRequest) -> HttpResponse:
    municipality = _admin_municipality(request)
    form = RuleForm(request.POST or None, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "قاعده ارجاع ذخیره شد.")
        return redirect("backoffice:routing_rules")
    rules = RoutingRule.objects.filter(municipality=municipality).select_related(
        "category", "standard", "district", "department", "agency"
    )
    return render(
        request,
        "backoffice/routing_rules.html",
        {"form": form, "rules": rules},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_required
def routing_rule_toggle(request: HttpRequest, pk: int) -> HttpResponse:
    municipality = _admin_municipality(request)
    for rule in RoutingRule.objects.filter(pk=pk, municipality=municipality):
        if request.POST.get("delete"):
            rule.delete()
        else:
            rule.is_active = not rule.is_active
            rule.save(update_fields=["is_active"])
    return redirect("backoffice:routing_rules")
