"""Sign-in forms: shape only; the services decide validity, limits and messages."""

from __future__ import annotations

from django import forms


class PhoneForm(forms.Form):
    phone = forms.CharField(
        label="شماره تلفن همراه",
        max_length=20,
        error_messages={"required": "شماره تلفن همراه را وارد کنید."},
        widget=forms.TextInput(
            attrs={
                "inputmode": "tel",
                "autocomplete": "tel",
                "dir": "ltr",
                "placeholder": "۰۹۱۲۳۴۵۶۷۸۹",
            }
        ),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label="کد ورود شش‌رقمی",
        max_length=12,
        error_messages={"required": "کد ورودی را که پیامک شده وارد کنید."},
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}
        ),
    )
