"""Citizen-facing forms: parse and check the shape of input; services decide the rest."""

from __future__ import annotations

import secrets
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import RegexValidator

from shahrvand.categories.forms import category_choices
from shahrvand.common.forms import MultipleFileField, PersianFloatField
from shahrvand.tenancy.models import District, Municipality


def new_submission_key() -> str:
    return secrets.token_urlsafe(24)


class ReportForm(forms.Form):
    category = forms.ChoiceField(
        label="موضوع گزارش",
        required=False,  # left empty, the classifier chooses from the description
        error_messages={"invalid_choice": "موضوع انتخاب‌شده معتبر نیست."},
    )
    description = forms.CharField(
        label="شرح مشکل",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=4000,
        error_messages={
            "required": "شرح مشکل را بنویسید.",
            "max_length": "شرح حداکثر ۴۰۰۰ نویسه است.",
        },
    )
    lat = PersianFloatField(
        label="عرض جغرافیایی",
        required=False,
        error_messages={"invalid": "عرض جغرافیایی باید عدد باشد."},
    )
    lon = PersianFloatField(
        label="طول جغرافیایی",
        required=False,
        error_messages={"invalid": "طول جغرافیایی باید عدد باشد."},
    )
    district = forms.ModelChoiceField(
        label="منطقه (اگر مکان را روی نقشه انتخاب نکرده‌اید)",
        queryset=District.objects.none(),
        required=False,
        empty_label="— انتخاب منطقه —",
        error_messages={"invalid_choice": "منطقه انتخاب‌شده معتبر نیست."},
    )
    address = forms.CharField(label="نشانی یا نشانه محل", required=False, max_length=400)
    photos = MultipleFileField(label="عکس (حداکثر ۵ عدد)", required=False)
    video = forms.FileField(label="ویدیو (حداکثر ۱ عدد)", required=False)
    reporter_name = forms.CharField(label="نام (اختیاری)", required=False, max_length=120)
    reporter_phone = forms.CharField(
        label="تلفن همراه (اختیاری؛ برای اطلاع از نتیجه)", required=False, max_length=20
    )
    # One-time key of this form as rendered: a second post of it (double click, reload,
    # retry over a bad connection) gets the first report back instead of a new one.
    submission_key = forms.CharField(
        label="کلید ارسال فرم",
        required=False,
        widget=forms.HiddenInput,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]{16,64}$")],
        error_messages={"invalid": "فرم منقضی شده است؛ صفحه را دوباره باز کنید."},
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.municipality = municipality
        if not self.is_bound:
            self.initial["submission_key"] = new_submission_key()
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = [
            ("", "— نمی‌دانم؛ سامانه از روی شرح انتخاب کند —"),
            *category_choices(municipality),
        ]
        district = self.fields["district"]
        assert isinstance(district, forms.ModelChoiceField)
        district.queryset = District.objects.filter(municipality=municipality)
        self.fields["photos"].widget.attrs.update({"accept": "image/*", "multiple": True})
        self.fields["video"].widget.attrs.update({"accept": "video/*"})
        self.fields["reporter_phone"].widget.attrs.update(
            {"inputmode": "tel", "autocomplete": "tel", "class": "ltr"}
        )
        self.fields["lat"].widget.attrs.update(
            {"inputmode": "decimal", "class": "ltr", "step": "any"}
        )
        self.fields["lon"].widget.attrs.update(
            {"inputmode": "decimal", "class": "ltr", "step": "any"}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lat, lon = data.get("lat"), data.get("lon")
        if (lat is None) != (lon is None):
            raise forms.ValidationError("طول و عرض جغرافیایی را با هم وارد کنید.")
        if lat is None and data.get("district") is None and not self.has_error("district"):
            self.add_error("district", "مکان را روی نقشه انتخاب کنید یا منطقه را برگزینید.")
        return data

    def uploads(self) -> list[UploadedFile[bytes]]:
        files: list[UploadedFile[bytes]] = list(self.cleaned_data.get("photos") or [])
        if self.cleaned_data.get("video"):
            files.append(self.cleaned_data["video"])
        return files


class TrackForm(forms.Form):
    code = forms.CharField(
        label="کد پیگیری",
        max_length=40,
        error_messages={"required": "کد پیگیری را وارد کنید."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "class": "ltr", "autocomplete": "off"}
        ),
    )


class FeedbackForm(forms.Form):
    accepted = forms.TypedChoiceField(
        label="نتیجه رسیدگی",
        choices=[("yes", "مشکل برطرف شد"), ("no", "مشکل برطرف نشده است")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "مشخص کنید مشکل برطرف شده است یا نه."},
    )
    rating = forms.TypedChoiceField(
        label="میزان رضایت",
        choices=[(str(i), str(i)) for i in range(1, 6)],
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="توضیح (اختیاری)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NearbyForm(forms.Form):
    category = forms.CharField(max_length=64)
    lat = PersianFloatField(min_value=-90, max_value=90)
    lon = PersianFloatField(min_value=-180, max_value=180)
    description = forms.CharField(required=False, max_length=4000)
