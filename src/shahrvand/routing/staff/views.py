"""Municipality admins edit their routing rules (conditions → unit), in priority order."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shahrvand.categories.selectors import categories_visible_to
from shahrvand.common.errors import DomainError
from shahrvand.reports.models import Priority
from shahrvand.routing.models import WEEKDAYS_FA, RoutingRule
from shahrvand.routing.selectors import routing_rules_visible_to
from shahrvand.routing.services import (
    ADMIN_ONLY,
    routing_rule_create,
    routing_rule_delete,
    routing_rule_toggle,
)
from shahrvand.tenancy.access import (
    current_staff,
    current_user,
    require_reference_admin,
    staff_required,
)
from shahrvand.tenancy.models import Municipality, StaffProfile
from shahrvand.tenancy.selectors import (
    agencies_visible_to,
    departments_visible_to,
    districts_visible_to,
)


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

    def __init__(
        self, *args: Any, profile: StaffProfile, municipality: Municipality, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instance.municipality = municipality
        scoped = {
            "category": categories_visible_to(profile, within=municipality),
            "district": districts_visible_to(profile, within=municipality),
            "department": departments_visible_to(profile, within=municipality),
            "agency": agencies_visible_to(profile, within=municipality),
        }
        self.fields["priority"] = forms.ChoiceField(
            label="اولویت", choices=[("", "همه"), *Priority.choices], required=False
        )
        for name, queryset in scoped.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset


def _admin(request: HttpRequest) -> tuple[StaffProfile, Municipality]:
    profile = require_reference_admin(current_user(request), message=ADMIN_ONLY)
    assert profile.municipality is not None  # require_reference_admin
    return profile, profile.municipality


@staff_required
def routing_rules(request: HttpRequest) -> HttpResponse:
    profile, municipality = _admin(request)
    form = RuleForm(request.POST or None, profile=profile, municipality=municipality)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in RuleForm.Meta.fields}
        try:
            routing_rule_create(actor=current_user(request), fields=fields)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "قاعده ارجاع ذخیره شد.")
            return redirect("backoffice:routing_rules")
    return render(
        request,
        "routing/staff/routing_rules.html",
        {"form": form, "rules": routing_rules_visible_to(profile)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@staff_required
def routing_rule_toggle_view(request: HttpRequest, pk: int) -> HttpResponse:
    _admin(request)
    for rule in routing_rules_visible_to(current_staff(request)).filter(pk=pk):
        if request.POST.get("delete"):
            routing_rule_delete(actor=current_user(request), rule=rule)
        else:
            routing_rule_toggle(actor=current_user(request), rule=rule)
    return redirect("backoffice:routing_rules")
