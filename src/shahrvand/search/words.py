"""What a word is for full-text search: one rule for the index (both databases) and queries.

Input is `normalize_text` output (Report.search_text already is; queries are normalised
here), so Arabic letter variants, Persian digits and diacritics are settled before this.
- A word character is a Unicode letter (L*) or decimal digit (Nd); everything else
  separates words: punctuation (ASCII and «،؛؟»), symbols, emoji, spaces and ZWNJ.
  Inside the blocks listed in BLOCKS, SEPARATOR_RANGES below is the definition, and both
  databases are told it explicitly (PostgreSQL's parser and SQLite's tokenizer would each
  otherwise apply their own, different, Unicode tables); outside them, Unicode categories.
- ZWNJ is a word joiner: the index holds a ZWNJ word both joined and as its parts
  («می‌شود» → «میشود», and «می» + «شود»), and a query word is searched joined.
- Case is folded (Latin); nothing is stemmed (PostgreSQL has no Persian stemmer; we use
  the 'simple' configuration and FTS5's unicode61 tokenizer without diacritic folding).

Changing BLOCKS or SEPARATOR_RANGES changes the index: it needs a new migration that
re-creates it (see sql.py).
"""

from __future__ import annotations

import bisect
import unicodedata

from shahrvand.common.persian import ZWNJ, normalize_text

# Unicode blocks where the separator set is spelled out: Latin to Arabic Extended-A,
# general punctuation to arrows, supplemental punctuation, CJK punctuation, Arabic
# presentation forms to half/full-width forms, and the emoji planes.
BLOCKS = (
    (0x0001, 0x08FF),
    (0x2000, 0x2BFF),
    (0x2E00, 0x2E7F),
    (0x3000, 0x303F),
    (0xFB50, 0xFFEF),
    (0x1F000, 0x1FAFF),
)
# Every code point in BLOCKS that is not a letter or decimal digit in Unicode 14 (assigned
# or not), as inclusive ranges.
SEPARATOR_RANGES = (
    (0x0001, 0x002F), (0x003A, 0x0040), (0x005B, 0x0060), (0x007B, 0x00A9), (0x00AB, 0x00B4),
    (0x00B6, 0x00B9), (0x00BB, 0x00BF), (0x00D7, 0x00D7), (0x00F7, 0x00F7), (0x02C2, 0x02C5),
    (0x02D2, 0x02DF), (0x02E5, 0x02EB), (0x02ED, 0x02ED), (0x02EF, 0x036F), (0x0375, 0x0375),
    (0x0378, 0x0379), (0x037E, 0x037E), (0x0380, 0x0385), (0x0387, 0x0387), (0x038B, 0x038B),
    (0x038D, 0x038D), (0x03A2, 0x03A2), (0x03F6, 0x03F6), (0x0482, 0x0489), (0x0530, 0x0530),
    (0x0557, 0x0558), (0x055A, 0x055F), (0x0589, 0x05CF), (0x05EB, 0x05EE), (0x05F3, 0x061F),
    (0x064B, 0x065F), (0x066A, 0x066D), (0x0670, 0x0670), (0x06D4, 0x06D4), (0x06D6, 0x06E4),
    (0x06E7, 0x06ED), (0x06FD, 0x06FE), (0x0700, 0x070F), (0x0711, 0x0711), (0x0730, 0x074C),
    (0x07A6, 0x07B0), (0x07B2, 0x07BF), (0x07EB, 0x07F3), (0x07F6, 0x07F9), (0x07FB, 0x07FF),
    (0x0816, 0x0819), (0x081B, 0x0823), (0x0825, 0x0827), (0x0829, 0x083F), (0x0859, 0x085F),
    (0x086B, 0x086F), (0x0888, 0x0888), (0x088F, 0x089F), (0x08CA, 0x08FF), (0x2000, 0x2070),
    (0x2072, 0x207E), (0x2080, 0x208F), (0x209D, 0x2101), (0x2103, 0x2106), (0x2108, 0x2109),
    (0x2114, 0x2114), (0x2116, 0x2118), (0x211E, 0x2123), (0x2125, 0x2125), (0x2127, 0x2127),
    (0x2129, 0x2129), (0x212E, 0x212E), (0x213A, 0x213B), (0x2140, 0x2144), (0x214A, 0x214D),
    (0x214F, 0x2182), (0x2185, 0x2BFF), (0x2E00, 0x2E2E), (0x2E30, 0x2E7F), (0x3000, 0x3004),
    (0x3007, 0x3030), (0x3036, 0x303A), (0x303D, 0x303F), (0xFBB2, 0xFBD2), (0xFD3E, 0xFD4F),
    (0xFD90, 0xFD91), (0xFDC8, 0xFDEF), (0xFDFC, 0xFE6F), (0xFE75, 0xFE75), (0xFEFD, 0xFF0F),
    (0xFF1A, 0xFF20), (0xFF3B, 0xFF40), (0xFF5B, 0xFF65), (0xFFBF, 0xFFC1), (0xFFC8, 0xFFC9),
    (0xFFD0, 0xFFD1), (0xFFD8, 0xFFD9), (0xFFDD, 0xFFEF), (0x1F000, 0x1FAFF),
)  # fmt: skip
_STARTS = [start for start, _ in SEPARATOR_RANGES]

# Bounds on what a query may cost: longer input is cut, extra words are ignored.
MAX_QUERY_CHARS = 1000
MAX_TERMS = 32


def _in_blocks(cp: int) -> bool:
    return any(start <= cp <= end for start, end in BLOCKS)


def is_word_char(char: str) -> bool:
    cp = ord(char)
    if _in_blocks(cp):
        i = bisect.bisect_right(_STARTS, cp) - 1
        return i < 0 or cp > SEPARATOR_RANGES[i][1]
    category = unicodedata.category(char)
    return category[0] == "L" or category == "Nd"


def _fold(word: str) -> str:
    # Lower-case letter by letter where that keeps one letter (as the databases do).
    return "".join(low if len(low := c.lower()) == 1 else c for c in word)


def split_words(text: str) -> list[str]:
    """The words of `text` in order, case-folded; every non-word character separates."""
    words: list[str] = []
    start = None
    for i, char in enumerate(text):
        if is_word_char(char):
            if start is None:
                start = i
        elif start is not None:
            words.append(_fold(text[start:i]))
            start = None
    if start is not None:
        words.append(_fold(text[start:]))
    return words


def query_words(text: str) -> list[str]:
    """The normalised words of a query in order, ZWNJ-joined («می‌شود» → «میشود»): at most
    MAX_TERMS words of the first MAX_QUERY_CHARS characters."""
    normal = normalize_text(text[:MAX_QUERY_CHARS], keep_newlines=False).replace(ZWNJ, "")
    return split_words(normal)[:MAX_TERMS]


def search_terms(text: str) -> list[str]:
    """The distinct words of a query (see query_words); [] if it has none (only
    punctuation, symbols or spaces)."""
    return list(dict.fromkeys(query_words(text)))


def indexed_words(search_text: str) -> set[str]:
    """The words the databases index for a report's `search_text` (a mirror of sql.py):
    the words of the text with ZWNJ removed, and of the text with ZWNJ as a separator."""
    return set(split_words(search_text.replace(ZWNJ, ""))) | set(split_words(search_text))
