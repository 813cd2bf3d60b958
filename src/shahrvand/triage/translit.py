"""A script-independent skeleton of Persian words, and a romaniser that writes Finglish.

Citizens write Persian in Latin letters ("Finglish") with no fixed spelling: «خاموشه» is
`khamooshe`, `xamushe`, `khamoosh`, `khmsh`. `skeleton` maps a word in EITHER script to the
same coarse form, so the classifier can learn from Persian script and read Finglish:

- short and long vowels are dropped (Persian script does not write short vowels, Finglish
  writers disagree on long ones): Latin a e i o u y w v, Persian ا آ و ی ع ء ئ ؤ;
  «و» and `v` both go because «و» is a vowel as often as a consonant;
- digraphs and letters that sound alike become one symbol: kh/x/خ → x, sh/ش → S,
  ch/چ → C, zh/ژ → Z, gh/q/غ/ق → q, س/ص/ث → s, ز/ذ/ض/ظ → z, ت/ط → t, ح/ه → h, c/ck → k,
  ph → f;
- a word-final h («کوچه» / `koocheh`) is dropped, and a doubled letter counts once.

Each skeleton word is written with a leading `_`, so it never collides with a real Latin
word. `romanise` goes the other way for building the training corpus: it spells a Persian
text in Latin letters, choosing at random among the spellings people use.

Pure Python: imported by the classifier, which must not import Django.
"""

from __future__ import annotations

import functools
import random
import re

_PERSIAN_SKELETON = {
    "ب": "b", "پ": "p", "ت": "t", "ط": "t", "ث": "s", "س": "s", "ص": "s",
    "ج": "j", "چ": "C", "ح": "h", "ه": "h", "ة": "h", "خ": "x", "د": "d",
    "ذ": "z", "ز": "z", "ض": "z", "ظ": "z", "ر": "r", "ژ": "Z", "ش": "S",
    "غ": "q", "ق": "q", "ف": "f", "ک": "k", "ك": "k", "گ": "g", "ل": "l",
    "م": "m", "ن": "n",
}  # fmt: skip
_PERSIAN_DROPPED = frozenset("اآأإوؤیيئىعء")
_LATIN_DIGRAPHS = re.compile(r"kh|sh|ch|zh|gh|ph|ck")
_DIGRAPH = {"kh": "x", "sh": "S", "ch": "C", "zh": "Z", "gh": "q", "ph": "f", "ck": "k"}
_LATIN_LETTER = {"c": "k", "q": "q", "x": "x"}
_LATIN_DROPPED = frozenset("aeiouyvw")
_LATIN = re.compile(r"[a-z]")
_DOUBLE = re.compile(r"(.)\1+")
_WORD = re.compile(r"[^\W\d_]+")


@functools.lru_cache(maxsize=200_000)
def skeleton_word(word: str) -> str:
    """The skeleton of one lower-case word (letters only), without the `_` mark."""
    if _LATIN.match(word):
        if word.endswith("h") and not word.endswith(("kh", "sh", "ch", "zh", "gh")):
            word = word[:-1]
        word = _LATIN_DIGRAPHS.sub(lambda m: _DIGRAPH[m.group()], word)
        letters = [
            _LATIN_LETTER.get(ch, ch) for ch in word if ch not in _LATIN_DROPPED and ch.isalpha()
        ]
    else:
        if word.endswith(("ه", "ة")):
            word = word[:-1]
        letters = [_PERSIAN_SKELETON[ch] for ch in word if ch in _PERSIAN_SKELETON]
    return _DOUBLE.sub(r"\1", "".join(letters))


def skeleton(text: str) -> str:
    """The skeleton words of `text` (lower-cased, ZWNJ removed), space-separated, `_`-marked."""
    text = text.lower().replace("\u200c", "")
    parts = (skeleton_word(word) for word in _WORD.findall(text))
    return " ".join("_" + part for part in parts if part)


# Romanising Persian script -------------------------------------------------------------------

_SPELLINGS: dict[str, tuple[str, ...]] = {
    "ا": ("a", "a", "aa"), "آ": ("a", "aa"), "ب": ("b",), "پ": ("p",), "ت": ("t",),
    "ط": ("t",), "ث": ("s",), "س": ("s",), "ص": ("s",), "ج": ("j",), "چ": ("ch",),
    "ح": ("h",), "خ": ("kh", "kh", "x"), "د": ("d",), "ذ": ("z",), "ز": ("z",),
    "ض": ("z",), "ظ": ("z",), "ر": ("r",), "ژ": ("zh", "j"), "ش": ("sh",),
    "غ": ("gh", "gh", "q"), "ق": ("gh", "q", "gh"), "ف": ("f",), "ک": ("k",), "گ": ("g",),
    "ل": ("l",), "م": ("m",), "ن": ("n",), "ع": ("", "'", "a"), "ء": ("",), "ئ": ("",),
    "و": ("oo", "u", "o", "ou", "v"), "ی": ("i", "ee", "i", "y"), "ه": ("h",),
}  # fmt: skip
_SHORT_VOWELS = ("a", "e", "o", "a", "e")
_PERSIAN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def romanise(text: str, rng: random.Random, *, vowels: float = 0.7) -> str:
    """`text` in Latin letters as a Finglish writer might spell it (random choices from `rng`).

    Short vowels are guessed: after a consonant that is followed by another consonant, one
    is inserted with probability `vowels` (0 gives the consonant-only SMS style).
    """
    text = text.replace("\u200c", "").translate(_PERSIAN_DIGITS)
    out: list[str] = []
    for word in re.split(r"(\s+)", text):
        out.append(_romanise_word(word, rng, vowels) if word and not word.isspace() else word)
    return "".join(out)


def _romanise_word(word: str, rng: random.Random, vowels: float) -> str:
    letters: list[str] = []
    for i, ch in enumerate(word):
        options = _SPELLINGS.get(ch)
        if options is None:
            letters.append(ch)
            continue
        last = i == len(word) - 1
        if ch == "ه" and last:
            letters.append(rng.choice(("e", "e", "eh")))
            continue
        if ch == "و" and i == 0:
            letters.append("v")
            continue
        if ch == "ی" and i == 0:
            letters.append("y")
            continue
        letters.append(rng.choice(options))
        nxt = word[i + 1] if not last else ""
        if ch not in "اآوی" and nxt and nxt not in "اآوی" and rng.random() < vowels:
            letters.append(rng.choice(_SHORT_VOWELS))
    return "".join(letters)
