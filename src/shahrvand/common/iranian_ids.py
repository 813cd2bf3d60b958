"""Iranian identifiers people type into forms: national ID (کد ملی), postal code, mobile.

Each `clean_*` takes what was typed (Persian or Arabic-Indic digits, spaces and dashes
allowed) and returns the canonical ASCII form, or None when it is not a valid identifier.

- National ID: 10 digits whose last is a check digit. With d1..d9 the first nine digits,
  s = Σ d_i × (11 − i) for i = 1..9 and r = s mod 11, the check digit is r when r < 2 and
  11 − r otherwise (the National Organization for Civil Registration's algorithm, the
  one every Iranian bank and e-government form applies). Ten equal digits pass that
  arithmetic (1111111111) but are never issued, so they are refused too.
- Postal code: 10 digits; the first five (the routing part) never use 0 or 2, which Iran
  Post leaves out because handwritten they are mistaken for 5 and 3 (Iran Post's own
  description of the code; gavahi.post.ir, "کد پستی چیست؟"). Ten equal digits are
  refused. The stricter regular expressions that circulate (no 5 as the fifth digit, no 2
  in the last five) are not in any Iran Post text we could check, so they are not applied:
  refusing a real address is worse than letting a typo through.
- Mobile: 09 and nine more digits, 11 in all; +98, 0098 and 98 prefixes are accepted
  (common.persian.normalize_mobile).
"""

from __future__ import annotations

import re

from shahrvand.common.persian import normalize_digits, normalize_mobile

_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_.]")
_TEN_DIGITS = re.compile(r"^[0-9]{10}$")
_POSTAL = re.compile(r"^[13-9]{5}[0-9]{5}$")


def _digits(raw: str) -> str:
    return _SEPARATORS.sub("", normalize_digits(str(raw)))


def national_id_check_digit(first_nine: str) -> int:
    """The check digit of a national ID whose first nine digits are `first_nine`."""
    total = sum(int(d) * (10 - i) for i, d in enumerate(first_nine))
    remainder = total % 11
    return remainder if remainder < 2 else 11 - remainder


def clean_national_id(raw: str) -> str | None:
    """The 10-digit national ID in `raw`, or None if its check digit (or shape) is wrong."""
    code = _digits(raw)
    if not _TEN_DIGITS.match(code) or len(set(code)) == 1:
        return None
    return code if national_id_check_digit(code[:9]) == int(code[9]) else None


def clean_postal_code(raw: str) -> str | None:
    """The 10-digit postal code in `raw` (e.g. typed ۱۳۱۴۵-۶۷۸۹۰), or None."""
    code = _digits(raw)
    if not _POSTAL.match(code) or len(set(code)) == 1:
        return None
    return code


def clean_mobile(raw: str) -> str | None:
    """An Iranian mobile number as 09XXXXXXXXX, or None."""
    return normalize_mobile(str(raw))


__all__ = ["clean_mobile", "clean_national_id", "clean_postal_code", "national_id_check_digit"]
