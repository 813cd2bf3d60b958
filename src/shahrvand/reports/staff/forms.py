from __future__ import annotations

from typing import Any

from django import forms

from shahrvand.categories.forms import category_choices
from shahrvand.common.forms import PersianFloatField
from shahrvand.reports.models import Priority
from shahrvand.reports.workflow import Status, allowed_targets
from shahrvand.tenancy.models import District, Municipality, StaffProfile
from shahrvand.tenancy.selectors import (
    agencies_visible_to,
    departments_visible_to,
    districts_visible_to,
)


class IntakeForm(forms.Form):
    """The operator's phone-intake form, in the order the conversation goes: who calls,
    what is wrong (the classifier suggests a category meanwhile), where. The point is
    picked on the map or by address search (hidden lat/lon); without it the district and
    the address locate the report (decision 0002)."""

    caller_phone = forms.CharField(label="تلفن تماس‌گیرنده", max_length=20, required=False)
    description = forms.CharField(
        label="شرح",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "شرح را بنویسید."},
    )
    category = forms.ChoiceField(
        label="موضوع (خالی بماند: سامانه از روی شرح انتخاب می‌کند)", required=False
    )
    caller_name = forms.CharField(label="نام تماس‌گیرنده", max_length=120, required=False)
    district = forms.ModelChoiceField(
        label="منطقه",
        queryset=District.objects.none(),
        required=False,
        empty_label="— منطقه —",
        error_messages={"invalid_choice": "منطقه نامعتبر است."},
    )
    address = forms.CharField(label="نشانی", max_length=400)
    lat = PersianFloatField(required=False, widget=forms.HiddenInput)
    lon = PersianFloatField(required=False, widget=forms.HiddenInput)
    priority = forms.ChoiceField(label="اولویت", choices=Priority.choices, initial=Priority.NORMAL)

    def __init__(
        self, *args: Any, profile: StaffProfile, municipality: Municipality, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        assert isinstance(district, forms.ModelChoiceField)
        district.queryset = districts_visible_to(profile, within=municipality)
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [("", "— موضوع —"), *category_choices(municipality)]
        self.fields["caller_phone"].widget.attrs.update(
            {"autofocus": True, "inputmode": "tel", "class": "ltr", "autocomplete": "off"}
        )
        self.fields["address"].error_messages["required"] = "نشانی را بنویسید."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise forms.ValidationError("مکان روی نقشه کامل نیست؛ دوباره روی نقشه بزنید.")
        if lat is None and data.get("district") is None and not self.has_error("district"):
            self.add_error("district", "منطقه را انتخاب کنید.")
        return data


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label="وضعیت جدید")
    note = forms.CharField(label="توضیح", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    public = forms.BooleanField(label="نمایش توضیح به شهروند", required=False, initial=True)
    duplicate_of = forms.CharField(label="کد گزارش اصلی (برای تکراری)", required=False)

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.value, s.label) for s in Status if s in allowed_targets(current)]


class AssignForm(forms.Form):
    """The unit to assign to, as "d:<department pk>" or "a:<agency pk>"."""

    unit = forms.ChoiceField(label="ارجاع به")
    note = forms.CharField(label="توضیح داخلی", required=False)

    def __init__(
        self, *args: Any, profile: StaffProfile, municipality: Municipality, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        assert isinstance(field, forms.ChoiceField)
        departments = departments_visible_to(profile, within=municipality)
        agencies = agencies_visible_to(profile, within=municipality)
        field.choices = [
            ("واحدهای شهرداری", [(f"d:{d.pk}", d.name_fa) for d in departments]),
            ("دستگاه‌های بیرونی", [(f"a:{a.pk}", a.name_fa) for a in agencies]),
        ]


class NoteForm(forms.Form):
    note = forms.CharField(label="یادداشت", widget=forms.Textarea(attrs={"rows": 2}))
    public = forms.BooleanField(label="نمایش به شهروند", required=False)


class VisibilityForm(forms.Form):
    public = forms.TypedChoiceField(
        choices=[("1", "عمومی"), ("0", "غیرعمومی")], coerce=lambda v: v == "1"
    )
    note = forms.CharField(label="دلیل (داخلی)", required=False, max_length=1000)


class CategoryForm(forms.Form):
    category = forms.ChoiceField(label="موضوع درست")
    note = forms.CharField(label="توضیح", required=False, max_length=1000)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = category_choices(municipality)


class LocationForm(forms.Form):
    """The point, picked on the map or found by address search: nobody types coordinates."""

    lat = PersianFloatField(
        min_value=-90,
        max_value=90,
        widget=forms.HiddenInput,
        error_messages={"required": "مکان را روی نقشه انتخاب کنید یا نشانی را جستجو کنید."},
    )
    lon = PersianFloatField(
        min_value=-180,
        max_value=180,
        widget=forms.HiddenInput,
        error_messages={"required": "مکان را روی نقشه انتخاب کنید یا نشانی را جستجو کنید."},
    )


class CallerFeedbackForm(forms.Form):
    """The verdict a reporter gives on the phone, recorded by the operator."""

    accepted = forms.TypedChoiceField(
        label="نظر تماس‌گیرنده",
        choices=[("yes", "مشکل برطرف شد"), ("no", "مشکل برطرف نشده است")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "مشخص کنید مشکل برطرف شده است یا نه."},
    )
    rating = forms.TypedChoiceField(
        label="میزان رضایت (اگر برطرف شده است)",
        choices=[("", "—"), *[(str(i), str(i)) for i in range(1, 6)]],
        coerce=int,
        required=False,
        empty_value=None,
    )
    comment = forms.CharField(
        label="توضیح تماس‌گیرنده",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
