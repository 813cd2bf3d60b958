"""Django's password validators with the messages people see in Persian.

The rules are Django's own (length, similarity to the account's names, the list of 20,000
common passwords, not only digits); only the wording changes. They apply when a password is
set through a form or `set_password` via `validate_password`, not to fixtures or the demo.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import password_validation as base
from django.core.exceptions import ValidationError

from shahrvand.common.persian import to_persian_digits


class MinimumLengthValidator(base.MinimumLengthValidator):
    def validate(self, password: str, user: Any = None) -> None:
        if len(password) < self.min_length:
            raise ValidationError(
                f"گذرواژه باید دست‌کم {to_persian_digits(self.min_length)} نویسه باشد.",
                code="password_too_short",
            )

    def get_help_text(self) -> str:
        return f"گذرواژه باید دست‌کم {to_persian_digits(self.min_length)} نویسه باشد."


class SimilarityValidator(base.UserAttributeSimilarityValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise ValidationError(
                "گذرواژه به نام کاربری یا نام شما بیش از حد شبیه است.",
                code="password_too_similar",
            ) from exc

    def get_help_text(self) -> str:
        return "گذرواژه نباید شبیه نام کاربری یا نام شما باشد."


class CommonPasswordValidator(base.CommonPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise ValidationError(
                "این گذرواژه بسیار رایج است و به‌آسانی حدس زده می‌شود.",
                code="password_too_common",
            ) from exc

    def get_help_text(self) -> str:
        return "گذرواژه نباید از گذرواژه‌های رایج باشد."


class NumericPasswordValidator(base.NumericPasswordValidator):
    def validate(self, password: str, user: Any = None) -> None:
        try:
            super().validate(password, user)
        except ValidationError as exc:
            raise ValidationError(
                "گذرواژه نباید فقط از رقم ساخته شود.", code="password_entirely_numeric"
            ) from exc

    def get_help_text(self) -> str:
        return "گذرواژه نباید فقط از رقم ساخته شود."
