"""Errors of the fee language: one class, a stable code, Persian and English messages."""

from __future__ import annotations

from shahrvand.common.errors import DomainError
from shahrvand.common.persian import to_persian_digits


class FeeError(DomainError):
    """A fee rule that cannot be compiled or evaluated.

    `code` is one of: fee_syntax, fee_unknown_field, fee_unknown_function, fee_type,
    fee_division_by_zero, fee_missing_value, fee_negative, fee_too_large.
    `position` is the 0-based character offset in the rule, or -1 when it does not apply.
    """

    code = "fee_syntax"

    def __init__(self, code: str, message: str, message_en: str, *, position: int = -1) -> None:
        where_fa = f" (نویسهٔ {to_persian_digits(position + 1)})" if position >= 0 else ""
        where_en = f" (at character {position + 1})" if position >= 0 else ""
        super().__init__(
            message + where_fa, message_en=message_en + where_en, field="fee_rule", code=code
        )
        self.position = position
