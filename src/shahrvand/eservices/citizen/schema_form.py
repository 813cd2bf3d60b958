"""A Django form built from a process's applicant JSON Schema.

Each property becomes one input by its type: string (text, or a textarea when
`maxLength` is over 200), number, integer, enum (a select; labels from `x-enum-labels` or
`enumNames` when given), boolean (a checkbox), string with `format: date` (a Jalali date typed as
۱۴۰۵/۰۹/۱۰, stored as the ISO Gregorian date) and string with an identifier format
(`national-id` checked by its check digit, `postal-code`, `mobile`; definitions/formats.py),
stored in canonical ASCII form. Persian and Arabic digits are accepted
everywhere. Errors are Persian. The cleaned data is what the JSON Schema validates
(optional fields left empty are omitted); the engine validates it again on submit.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

import jdatetime
from django import forms
from django.core.validators import RegexValidator

from shahrvand.common.jalali import to_jalali
from shahrvand.common.persian import normalize_digits, normalize_text, to_persian_digits
from shahrvand.eservices.definitions.formats import FORMATS, IdFormat
from shahrvand.eservices.definitions.labels import enum_labels

FIELD_PREFIX = "f_"
_JALALI = re.compile(r"^(\d{4})[/\-.](\d{1,2})[/\-.](\d{1,2})$")


def _fa(n: object) -> str:
    return to_persian_digits(n)


class JalaliDateField(forms.CharField):
    """A date typed in the Jalali calendar; cleaned to an ISO Gregorian date string."""

    def to_python(self, value: Any) -> str:
        text = normalize_digits(str(value or "")).strip()
        if not text:
            return ""
        match = _JALALI.match(text)
        if not match:
            raise forms.ValidationError("تاریخ را به شکل ۱۴۰۵/۰۹/۱۰ (سال/ماه/روز) وارد کنید.")
        year, month, day = (int(g) for g in match.groups())
        try:
            gregorian = jdatetime.date(year, month, day).togregorian()
        except ValueError as exc:
            raise forms.ValidationError("این تاریخ در تقویم وجود ندارد.") from exc
        return str(gregorian.isoformat())

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            j = to_jalali(dt.date.fromisoformat(value))
            return _fa(f"{j.year:04d}/{j.month:02d}/{j.day:02d}")
        return value


class PersianTextField(forms.CharField):
    """Text normalised before it is checked (digits, ی/ک, spaces), so a pattern like
    ^[0-9]{10}$ accepts a national id typed in Persian digits."""

    def to_python(self, value: Any) -> str:
        return normalize_text(str(super().to_python(value)))

    def prepare_value(self, value: Any) -> Any:
        return to_persian_digits(value) if isinstance(value, str) else value


class IdentifierField(forms.CharField):
    """A national ID, postal code or mobile number typed any usual way (Persian digits,
    dashes, +98); cleaned to its canonical ASCII form or refused with a Persian error."""

    def __init__(self, *, rule: IdFormat, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.rule = rule

    def to_python(self, value: Any) -> str:
        text = normalize_text(str(super().to_python(value)))
        if not text:
            return ""
        cleaned = self.rule.clean(text)
        if cleaned is None:
            raise forms.ValidationError(self.rule.error_fa.format(label=self.label))
        return cleaned

    def prepare_value(self, value: Any) -> Any:
        return to_persian_digits(value) if isinstance(value, str) else value


class PersianNumberField(forms.CharField):
    """A number typed with any digits and the Persian separators (٫ decimal, ٬ thousands)."""

    def __init__(
        self,
        *,
        integer: bool,
        minimum: float | None,
        maximum: float | None,
        exclusive_minimum: float | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.integer = integer
        self.minimum = minimum
        self.maximum = maximum
        self.exclusive_minimum = exclusive_minimum

    def to_python(self, value: Any) -> int | float | None:  # type: ignore[override]
        text = normalize_digits(str(value or "")).strip()
        text = text.replace("٬", "").replace(",", "").replace("٫", ".")
        if not text:
            return None
        try:
            number = Decimal(text)
        except InvalidOperation as exc:
            raise forms.ValidationError("یک عدد وارد کنید.") from exc
        if not number.is_finite():
            raise forms.ValidationError("یک عدد وارد کنید.")
        if self.integer and number != number.to_integral_value():
            raise forms.ValidationError("یک عدد صحیح (بدون اعشار) وارد کنید.")
        if self.minimum is not None and number < Decimal(str(self.minimum)):
            raise forms.ValidationError(f"عدد باید دست‌کم {_fa(_plain(self.minimum))} باشد.")
        if self.exclusive_minimum is not None and number <= Decimal(str(self.exclusive_minimum)):
            raise forms.ValidationError(
                f"عدد باید بیشتر از {_fa(_plain(self.exclusive_minimum))} باشد."
            )
        if self.maximum is not None and number > Decimal(str(self.maximum)):
            raise forms.ValidationError(f"عدد باید حداکثر {_fa(_plain(self.maximum))} باشد.")
        return int(number) if self.integer else float(number)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return _fa(_plain(value).replace(".", "٫"))
        return value


def _plain(value: float | int) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def field_for(name: str, prop: dict[str, Any], *, required: bool) -> forms.Field:
    label = str(prop.get("title") or name)
    help_text = str(prop.get("description") or "")
    missing = {"required": f"«{label}» را وارد کنید."}
    kind = prop.get("type")
    if "enum" in prop:
        choices = [("", "— انتخاب کنید —")] + [
            (str(v), label) for v, label in zip(prop["enum"], enum_labels(prop), strict=True)
        ]
        return forms.ChoiceField(
            label=label,
            help_text=help_text,
            required=required,
            choices=choices,
            error_messages={**missing, "invalid_choice": f"گزینهٔ «{label}» معتبر نیست."},
        )
    if kind == "boolean":
        return forms.BooleanField(label=label, help_text=help_text, required=False)
    if kind in ("number", "integer"):
        return PersianNumberField(
            label=label,
            help_text=help_text,
            required=required,
            integer=kind == "integer",
            minimum=prop.get("minimum"),
            maximum=prop.get("maximum"),
            exclusive_minimum=prop.get("exclusiveMinimum"),
            error_messages=missing,
            widget=forms.TextInput(attrs={"inputmode": "decimal", "dir": "ltr"}),
        )
    if prop.get("format") == "date":
        return JalaliDateField(
            label=label,
            help_text=help_text or "به تاریخ شمسی، مثلاً ۱۴۰۵/۰۹/۱۰",
            required=required,
            error_messages=missing,
            widget=forms.TextInput(attrs={"placeholder": "۱۴۰۵/۰۹/۱۰", "dir": "ltr"}),
        )
    if prop.get("format") in FORMATS:
        return IdentifierField(
            label=label,
            help_text=help_text,
            required=required,
            rule=FORMATS[str(prop["format"])],
            error_messages=missing,
            widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr"}),
        )
    max_length = prop.get("maxLength")
    widget: forms.Widget = (
        forms.Textarea(attrs={"rows": 4})
        if isinstance(max_length, int) and max_length > 200
        else forms.TextInput()
    )
    validators = []
    if isinstance(prop.get("pattern"), str):
        validators.append(RegexValidator(prop["pattern"], message=f"«{label}» قالب درستی ندارد."))
    return PersianTextField(
        label=label,
        help_text=help_text,
        required=required,
        max_length=max_length,
        min_length=prop.get("minLength"),
        validators=validators,
        widget=widget,
        error_messages={
            **missing,
            "max_length": f"«{label}» حداکثر {_fa(max_length)} نویسه است.",
            "min_length": f"«{label}» دست‌کم {_fa(prop.get('minLength'))} نویسه است.",
        },
    )


class SchemaForm(forms.Form):
    """Fields named f_<property> in the schema's property order."""

    def __init__(self, *args: Any, schema: dict[str, Any], **kwargs: Any) -> None:
        initial = kwargs.pop("initial", None) or {}
        kwargs["initial"] = {f"{FIELD_PREFIX}{k}": v for k, v in initial.items()}
        super().__init__(*args, **kwargs)
        self.schema = schema
        required = set(schema.get("required", []))
        self.enum_values: dict[str, list[Any]] = {}
        for name, prop in (schema.get("properties") or {}).items():
            if not isinstance(prop, dict):
                continue
            self.fields[f"{FIELD_PREFIX}{name}"] = field_for(name, prop, required=name in required)
            if "enum" in prop:
                self.enum_values[name] = list(prop["enum"])

    def data_for_schema(self) -> dict[str, Any]:
        """The cleaned values keyed by property, typed as the schema expects."""
        result: dict[str, Any] = {}
        for key, value in self.cleaned_data.items():
            if not key.startswith(FIELD_PREFIX):
                continue  # documents and the applicant's name are not schema fields
            name = key[len(FIELD_PREFIX) :]
            prop = self.schema["properties"][name]
            if value in ("", None):
                continue
            if name in self.enum_values:
                value = next(v for v in self.enum_values[name] if str(v) == value)
            elif isinstance(value, str) and prop.get("format") != "date":
                value = normalize_text(value)
            result[name] = value
        return result

    def add_domain_error(self, field: str, message: str) -> None:
        key = f"{FIELD_PREFIX}{field}"
        self.add_error(key if key in self.fields else None, message)
