"""Form fields shared by the citizen and staff pages of every context."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from shahrvand.common.persian import normalize_digits


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile[bytes]]:
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PersianFloatField(forms.FloatField):
    """Accepts Persian/Arabic digits and the Persian decimal separator (٫)."""

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        if isinstance(value, str):
            value = normalize_digits(value).replace("٫", ".").strip()
        return super().to_python(value)
