"""Tokenizer of the fee language.

Numbers may be written with ASCII, Persian (۰-۹) or Arabic-Indic (٠-٩) digits, with `_` or
the Persian thousands separator (٬) between digits and `.` or `٫` as the decimal point.
Field names are letters (Persian too), digits and `_`, not starting with a digit.
Strings are in double or single quotes (for comparing choice fields: usage == "تجاری").
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from shahrvand.common.persian import normalize_digits

from .errors import FeeError

MAX_LENGTH = 2000

KEYWORDS = {
    "and": "and",
    "or": "or",
    "not": "not",
    "true": "true",
    "false": "false",
    # Persian spellings, so a rule can be written without switching keyboard layout.
    "و": "and",
    "یا": "or",
    "نه": "not",
    "درست": "true",
    "نادرست": "false",
}
# Longest first: two-character operators before their one-character prefixes.
OPERATORS = ["<=", ">=", "==", "!=", "&&", "||", "<", ">", "+", "-", "*", "/", "%", "(", ")"]
OPERATORS += [",", "?", ":", "!", "×", "÷", "،"]
_ALIASES = {"&&": "and", "||": "or", "!": "not", "×": "*", "÷": "/", "،": ","}


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "str", "name", "op", "end"
    text: str
    pos: int
    number: Decimal = Decimal(0)


_DIGITS = frozenset("0123456789")


def _is_name_start(ch: str) -> bool:
    return ch == "_" or unicodedata.category(ch).startswith("L")


def _is_name_char(ch: str) -> bool:
    return _is_name_start(ch) or ch in _DIGITS or ch == "\u200c"


def tokenize(source: str) -> list[Token]:
    if len(source) > MAX_LENGTH:
        raise FeeError(
            "fee_syntax",
            f"فرمول هزینه بیش از حد طولانی است (بیشینه {MAX_LENGTH} نویسه).",
            f"The fee rule is too long (at most {MAX_LENGTH} characters).",
        )
    text = normalize_digits(source)  # same length: one digit for one digit
    tokens: list[Token] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch.isspace():
            i += 1
            continue
        if ch in _DIGITS or (ch in ".٫" and i + 1 < len(text) and text[i + 1] in _DIGITS):
            i = _number(text, i, tokens)
            continue
        if ch in "\"'":
            end = text.find(ch, i + 1)
            if end < 0:
                raise FeeError(
                    "fee_syntax", "رشته بسته نشده است.", "Unterminated string.", position=i
                )
            tokens.append(Token("str", text[i + 1 : end], i))
            i = end + 1
            continue
        if _is_name_start(ch):
            start = i
            while i < len(text) and _is_name_char(text[i]):
                i += 1
            word = text[start:i]
            keyword = KEYWORDS.get(word.lower() if word.isascii() else word)
            tokens.append(Token("op", keyword, start) if keyword else Token("name", word, start))
            continue
        for op in OPERATORS:
            if text.startswith(op, i):
                tokens.append(Token("op", _ALIASES.get(op, op), i))
                i += len(op)
                break
        else:
            raise FeeError(
                "fee_syntax",
                f"نویسهٔ «{ch}» در فرمول هزینه مجاز نیست.",
                f"Character {ch!r} is not allowed in a fee rule.",
                position=i,
            )
    tokens.append(Token("end", "", len(text)))
    return tokens


def _number(text: str, i: int, tokens: list[Token]) -> int:
    start = i
    digits: list[str] = []
    seen_point = False
    while i < len(text):
        ch = text[i]
        if ch in _DIGITS:
            digits.append(ch)
        elif ch in "_٬" and digits and i + 1 < len(text) and text[i + 1] in _DIGITS:
            pass  # digit group separator
        elif ch in ".٫" and not seen_point:
            seen_point = True
            digits.append(".")
        else:
            break
        i += 1
    if i < len(text) and _is_name_start(text[i]):
        raise FeeError(
            "fee_syntax",
            "پس از عدد، نام یا حرف آمده است (عملگری مانند * جا افتاده؟).",
            "A letter follows a number (missing operator such as *?).",
            position=i,
        )
    literal = "".join(digits)
    tokens.append(Token("num", text[start:i], start, Decimal(literal)))
    return i
