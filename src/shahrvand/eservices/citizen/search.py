"""Persian matching for the catalogue search: one folded form for the query and the text.

On top of the project's normalisation (ي/ك → ی/ک, digits, diacritics) a half-space (ZWNJ)
counts as a space and as nothing, so «پروانه‌ساختمانی», «پروانه ساختمانی» and
«پروانهساختمانی» all find پروانه ساختمانی.
"""

from __future__ import annotations

from shahrvand.common.persian import ZWNJ, normalize_text


def fold(text: str) -> str:
    return normalize_text(text or "", keep_newlines=False).replace(ZWNJ, " ").lower()


def terms(query: str) -> list[str]:
    return [t for t in fold(query).split(" ") if t]


def matches(query_terms: list[str], text: str) -> bool:
    """Every term occurs in the text, with spaces (and half-spaces) ignored inside words."""
    folded = fold(text)
    squeezed = folded.replace(" ", "")
    return all(t in folded or t.replace(" ", "") in squeezed for t in query_terms)
