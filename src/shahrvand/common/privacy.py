"""What may be published of citizens' text and places: one masker, one coarse point.

`mask_personal_data` replaces personal data in free text with a bracketed Persian label
(decision 0037). It errs towards masking: a number that is not personal but looks like one
is masked too, because a miss publishes someone's phone irrevocably while a false hit
costs a few digits of a description.

- Digits are found in every script (ASCII, Persian ۰-۹, Arabic-Indic ٠-٩) and across the
  separators people type between groups (spaces, dashes, dots, parentheses, ZWNJ).
- Every run of 8 or more digits is masked, whatever it is: mobiles (09…, 9…, +98…,
  0098…), landlines with or without the area code, national IDs (10 digits; any 10-digit
  run, valid check digit or not), postal codes, 16-digit card numbers (Luhn-valid or
  mistyped), account numbers. The label says what it probably is.
- Sheba/IBAN (IR + 24 digits) and e-mail addresses.
- Names: up to two words after a cue ("آقای", "خانم", "جناب", "اسم من", "نام من", "به نام",
  "اسمم", "نامم", Mr/Mrs/Ms), and any given `names` (the reporter's own name, whole or
  each part of three letters or more) wherever they appear as whole words.

`coarse_point` snaps a point to the centre of its H3 resolution-8 cell (decision 0012).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import h3

from .persian import normalize_text

PRIVACY_RESOLUTION = 8
COORD_DIGITS = 5

PHONE = "[تلفن]"
NATIONAL_ID = "[کد ملی]"
CARD = "[شماره کارت]"
SHEBA = "[شبا]"
EMAIL = "[ایمیل]"
NUMBER = "[شماره]"
NAME = "[نام]"

_NON_ASCII_DIGIT = re.compile("[\u06f0-\u06f9\u0660-\u0669]")
_ASCII_DIGITS = str.maketrans(
    {**{chr(0x06F0 + i): str(i) for i in range(10)}, **{chr(0x0660 + i): str(i) for i in range(10)}}
)
# In the digit-normalised copy every character keeps its position (digits map one to one).
_DIGIT = r"[0-9]"
_SEP = r"[ \t\u00a0\u200c\-.()]{1,3}"
_RUN = re.compile(rf"\+?{_DIGIT}(?:(?:{_SEP})?{_DIGIT}){{7,}}")
_SHEBA = re.compile(rf"(?i)(?<![a-z])IR(?:{_SEP})?{_DIGIT}(?:(?:{_SEP})?{_DIGIT}){{23}}")
_EMAIL = re.compile(r"[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")
_WORD = r"[^\W\d_]+(?:\u200c[^\W\d_]+)*"
_CUES = (
    "جناب آقای",
    "سرکار خانم",
    "آقای",
    "آقا",
    "خانم",
    "جناب",
    "اسم من",
    "نام من",
    "اسمم",
    "نامم",
    "به نام",
    "موسوم به",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Mr",
    "Mrs",
    "Ms",
)
_CUE_WORDS = ("آقا", "خانم", "جناب", "اسم", "نام", "موسوم", "Mr", "Ms")  # prefilter of _CUE
# Words that end a name rather than belong to it ("اسم من رضا است").
# (A word list reads better as one text than as a column of literals.)
_STOP = frozenset(
    (  # noqa: SIM905
        "است هست هستم هستند بود که و را از به با در برای تا هم گفت گفتند می تماس زنگ "
        "شماره همسایه صاحب مالک پلاک واحد طبقه کوچه خیابان ساکن آدرس نشانی the is"
    ).split()
)
_CUE = re.compile(
    r"(?<![\w\u200c])(?P<cue>"
    + "|".join(re.escape(c) for c in _CUES)
    + r")(?P<sep>[\s:،,]+)(?P<words>"
    + _WORD
    + r"(?:[ \u00a0]"
    + _WORD
    + r")?)"
)


def _label(digits: str) -> str:
    """What a run of digits most likely is (every run is masked whatever the label)."""
    if len(digits) == 10 and _national_id_ok(digits):
        return NATIONAL_ID
    national = digits
    if digits.startswith("0098"):
        national = "0" + digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        national = "0" + digits[2:]
    if re.fullmatch(r"0?9\d{9}|0[1-8]\d{9}", national) or len(digits) == 8:
        return PHONE  # a mobile, a landline with its area code, or a local landline
    if len(digits) == 16:
        return CARD
    return NUMBER


def _national_id_ok(digits: str) -> bool:
    if not re.fullmatch(r"\d{10}", digits) or len(set(digits)) == 1:
        return False
    total = sum(int(d) * (10 - i) for i, d in enumerate(digits[:9])) % 11
    check = int(digits[9])
    return check == total if total < 2 else check == 11 - total


def _mask_numbers(text: str) -> str:
    # The cheap tests first: Open311 lists mask thousands of texts per request.
    flat = text.translate(_ASCII_DIGITS) if _NON_ASCII_DIGIT.search(text) else text
    spans: list[tuple[int, int, str]] = []
    if "ir" in flat.lower():
        for match in _SHEBA.finditer(flat):
            spans.append((match.start(), match.end(), SHEBA))
    if "@" in flat:
        for match in _EMAIL.finditer(flat):
            spans.append((match.start(), match.end(), EMAIL))
    for match in _RUN.finditer(flat):
        if any(s <= match.start() < e for s, e, _ in spans):
            continue
        digits = re.sub(r"\D", "", match.group())
        spans.append((match.start(), match.end(), _label(digits)))
    spans.sort()
    out, at = [], 0
    for start, end, label in spans:
        if start < at:
            continue
        out.append(text[at:start])
        out.append(label)
        at = end
    out.append(text[at:])
    return "".join(out)


def _name_in_cue(match: re.Match[str]) -> str:
    words = match.group("words").split()
    kept: list[str] = []
    for word in words:
        if word in _STOP or word.lower() in _STOP:
            break
        kept.append(word)
    if not kept:
        return match.group()
    rest = match.group("words")[len(" ".join(kept)) :]
    return f"{match.group('cue')}{match.group('sep')}{NAME}{rest}"


@lru_cache(maxsize=2048)
def _name_pattern(raw: str) -> re.Pattern[str] | None:
    """One pattern for a name: whole, or any part of three letters or more, as a word."""
    name = normalize_text(raw, keep_newlines=False)
    if not name:
        return None
    parts = sorted({name, *(p for p in name.split() if len(p) >= 3)}, key=len, reverse=True)
    alternatives = "|".join(re.escape(p) for p in parts)
    return re.compile(rf"(?<![\w\u200c])(?:{alternatives})(?![\w\u200c])", re.IGNORECASE)


def mask_personal_data(text: str, *, names: Iterable[str] = ()) -> str:
    """`text` with phone numbers, IDs, card and Sheba numbers, e-mail addresses and names
    replaced by labels such as "[تلفن]" (see the module docstring for what is found)."""
    if not text:
        return text
    masked = _mask_numbers(text)
    for raw in names:
        pattern = _name_pattern(raw) if raw else None
        if pattern is not None:
            masked = pattern.sub(NAME, masked)
    if any(cue in masked for cue in _CUE_WORDS):
        masked = _CUE.sub(_name_in_cue, masked)
    return masked


def coarse_point(
    lat: float | None, lon: float | None
) -> tuple[str | None, float | None, float | None]:
    """(H3 resolution-8 cell, its centre's lat, lon): a point moves by 0.33 km on average
    and at most ~0.56 km; (None, None, None) without a point."""
    if lat is None or lon is None:
        return None, None, None
    cell = h3.latlng_to_cell(lat, lon, PRIVACY_RESOLUTION)
    c_lat, c_lon = h3.cell_to_latlng(cell)
    return str(cell), round(c_lat, COORD_DIGITS), round(c_lon, COORD_DIGITS)
