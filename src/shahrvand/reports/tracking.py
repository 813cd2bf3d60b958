"""Tracking codes: 12 digits, read over the phone in groups of four (e.g. 4821-0937-5526).

Digits only, because callers read them aloud in Persian and letters of the Latin alphabet
are slow and error-prone on a 137 call. Eleven random digits from the OS's CSPRNG make
codes unguessable (10^11 space; with five million reports a blind guess hits one time in
20,000, and tracking endpoints are rate-limited), and the twelfth is a Damm check digit,
which catches every single-digit misreading and every swap of adjacent digits before a
lookup is even attempted. Uniqueness is enforced by the database; the caller retries.
"""

from __future__ import annotations

import re
import secrets

from shahrvand.common.persian import normalize_text

# Damm's totally anti-symmetric quasigroup of order 10.
_DAMM = (
    (0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
    (7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
    (4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
    (1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
    (6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
    (3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
    (5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
    (8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
    (9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
    (2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)
CODE_LENGTH = 12


def damm_digit(digits: str) -> int:
    interim = 0
    for ch in digits:
        interim = _DAMM[interim][int(ch)]
    return interim


def new_code() -> str:
    """A fresh random code; the first digit is never 0 so the code never looks truncated."""
    body = str(secrets.randbelow(9) + 1) + "".join(str(secrets.randbelow(10)) for _ in range(10))
    return body + str(damm_digit(body))


def is_valid(code: str) -> bool:
    # isascii: str.isdigit() also accepts '²' or Devanagari digits, which int() rejects or
    # which would never match a stored code.
    return len(code) == CODE_LENGTH and code.isascii() and code.isdigit() and damm_digit(code) == 0


def parse(raw: str) -> str | None:
    """Accept what people type (Persian digits, spaces, dashes) and return the bare code or None."""
    # normalize_text also maps Persian digits and drops invisible marks (RLM, RLE...)
    # that copying a code out of right-to-left text brings along
    code = re.sub(r"[\s\-_.]", "", normalize_text(raw or "", keep_newlines=False))
    return code if is_valid(code) else None


def display(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
