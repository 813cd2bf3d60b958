"""Persian text normalisation, applied to every piece of free text on input.

One place decides what "the same text" means, so search, duplicate detection and the
classifier all see identical strings:
- Arabic letter variants become their Persian forms (ي ى → ی, ك → ک, ة → ه, أ إ ٱ → ا, ؤ → و);
- Persian (۰-۹) and Arabic-Indic (٠-٩) digits become ASCII digits;
- tatweel (ـ) and stray diacritics (fatha, kasra, tanwin, shadda, sukun...) are removed;
- the zero-width non-joiner (U+200C) is kept, runs of it collapse to one, and it is dropped
  where it touches a space; other invisible characters (ZWJ, LRM/RLM, BOM, direction
  overrides and isolates), control characters, lone surrogates and U+FFFD are removed;
- whitespace runs collapse to one space (newlines are kept for descriptions).
"""

from __future__ import annotations

import re
import unicodedata

ZWNJ = "\u200c"

_CHAR_MAP = {
    "\u064a": "\u06cc",  # ي Arabic yeh
    "\u0649": "\u06cc",  # ى alef maksura
    "\u0643": "\u06a9",  # ك Arabic kaf
    "\u0629": "\u0647",  # ة teh marbuta
    "\u0623": "\u0627",  # أ
    "\u0625": "\u0627",  # إ
    "\u0671": "\u0627",  # ٱ
    "\u0624": "\u0648",  # ؤ
    "\u06c0": "\u0647",  # ۀ heh with yeh above
}
for _i in range(10):
    _CHAR_MAP[chr(0x06F0 + _i)] = str(_i)  # Persian digits
    _CHAR_MAP[chr(0x0660 + _i)] = str(_i)  # Arabic-Indic digits
_TRANSLATE = str.maketrans(_CHAR_MAP)

# Tatweel, Arabic diacritics (harakat, tanwin, shadda, sukun, superscript alef),
# invisible direction/joiner marks other than ZWNJ (embeddings, overrides and isolates),
# control characters other than tab and newline (NUL cannot even be stored in
# PostgreSQL), lone surrogates (not encodable as UTF-8) and U+FFFD (what bytes that
# were not UTF-8 decode to: it carries nothing).
_REMOVE = re.compile(
    "[\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b\u200d-\u200f\u202a-\u202e"
    "\u2066-\u2069\ufeff\ufffd\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]"
)
_ZWNJ_RUN = re.compile(f"{ZWNJ}+")
# A ZWNJ touching any whitespace (space, tab, NBSP, newline) joins nothing: drop it.
_ZWNJ_SPACE = re.compile(rf"(?<=\s){ZWNJ}|{ZWNJ}(?=\s)")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_NEWLINES = re.compile(r"\s*\n\s*")

_TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


def normalize_text(text: str, *, keep_newlines: bool = True) -> str:
    """Return `text` in the project's canonical Persian form (see module docstring)."""
    text = unicodedata.normalize("NFC", text)
    text = text.translate(_TRANSLATE)
    text = _REMOVE.sub("", text)
    text = _ZWNJ_RUN.sub(ZWNJ, text)
    text = _ZWNJ_SPACE.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if keep_newlines:
        lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
        text = _NEWLINES.sub("\n", "\n".join(lines))
    else:
        text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.strip().strip(ZWNJ).strip()


def normalize_digits(text: str) -> str:
    """Only map Persian/Arabic-Indic digits to ASCII (for parsing numbers, phones, codes)."""
    return unicodedata.normalize("NFC", text).translate(_TRANSLATE)


def to_persian_digits(value: object) -> str:
    """Render ASCII digits in `value` as Persian digits for display."""
    return str(value).translate(_TO_PERSIAN_DIGITS)


_PHONE_RE = re.compile(r"^(?:\+98|0098|98|0)?(9\d{9})$")


def normalize_mobile(raw: str) -> str | None:
    """Return an Iranian mobile number as 09XXXXXXXXX, or None if `raw` is not one."""
    digits = re.sub(r"[\s\-()]", "", normalize_digits(raw))
    match = _PHONE_RE.match(digits)
    return f"0{match.group(1)}" if match else None


def normalize_phone(raw: str) -> str | None:
    """Return a mobile (09…) or landline (0 + 10 digits) number in national form, else None."""
    mobile = normalize_mobile(raw)
    if mobile:
        return mobile
    digits = re.sub(r"[\s\-()]", "", normalize_digits(raw))
    if digits.startswith("+98"):
        digits = "0" + digits[3:]
    elif digits.startswith("0098"):
        digits = "0" + digits[4:]
    if re.fullmatch(r"0[1-8]\d{9}", digits):
        return digits
    return None


def mask_phone(phone: str) -> str:
    """Show only the operator prefix and last two digits: 0912*****67."""
    if len(phone) < 6:
        return "*" * len(phone)
    return phone[:4] + "*" * (len(phone) - 6) + phone[-2:]
