"""The identifier formats a definition's form may declare on a string property:
`"format": "national-id" | "postal-code" | "mobile"` (rules in common.iranian_ids).

One table serves both checks: the citizen form cleans what was typed into the canonical
form (or shows the Persian error at the field), and the engine's JSON Schema validation
(FORMAT_CHECKER) accepts only that canonical form, so a value that skipped the form
(an API client, a script) is held to the same rule.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from jsonschema import FormatChecker

from shahrvand.common.iranian_ids import clean_mobile, clean_national_id, clean_postal_code


@dataclass(frozen=True)
class IdFormat:
    clean: Callable[[str], str | None]
    error_fa: str  # "{label}" is the field's title
    personal: bool  # identifies a person: never public on a certificate check


FORMATS: dict[str, IdFormat] = {
    "national-id": IdFormat(
        clean_national_id,
        "«{label}» معتبر نیست؛ ده رقم کد ملی را دوباره از روی کارت ملی بخوانید.",
        personal=True,
    ),
    "postal-code": IdFormat(
        clean_postal_code,
        "«{label}» معتبر نیست؛ کد پستی ده رقم است و پنج رقم اول آن ۰ و ۲ ندارد.",
        personal=False,
    ),
    "mobile": IdFormat(
        clean_mobile,
        "«{label}» معتبر نیست؛ شمارهٔ همراه را به شکل ۰۹۱۲۱۲۳۴۵۶۷ وارد کنید.",
        personal=True,
    ),
}

FORMAT_CHECKER = FormatChecker()


def _register(name: str, rule: IdFormat) -> None:
    @FORMAT_CHECKER.checks(name)
    def _check(value: object) -> bool:
        # Non-strings are the "type" keyword's business, as JSON Schema has it.
        return not isinstance(value, str) or rule.clean(value) == value


for _name, _rule in FORMATS.items():
    _register(_name, _rule)


def format_error(prop: dict[str, object], label: str) -> str | None:
    """The Persian error for a value of `prop` that failed its identifier format."""
    rule = FORMATS.get(str(prop.get("format")))
    return rule.error_fa.format(label=label) if rule else None


__all__ = ["FORMATS", "FORMAT_CHECKER", "IdFormat", "format_error"]
