"""Extra normalisation for the classifier, on top of `common.persian.normalize_text`.

`normalize_text` decides what "the same text" means for storage and search; the classifier
needs a coarser view, in which spelling choices that carry no meaning look alike:
- ZWNJ counts as a space, and the verb prefixes «می/نمی/بی» and the suffixes «ها/های/تر/ترین»
  are joined to their word, so «می‌شه», «میشه» and «می شه» become one token (a lone ezafe
  «ی» after ZWNJ, as in «کوچه‌ی», is dropped);
- a short list of colloquial spellings maps to the written form («خیابون» → «خیابان»,
  «میکنه» → «میکند»), and present-tense verbs in the spoken form («میریزه», «میزنن») get the
  written ending;
- «آ» is written «ا», «ئ» is written «ی» and hamza is dropped (people type them either way);
- every run of digits becomes «0» (house numbers and dates say nothing about the category);
- punctuation becomes space, Latin letters are lower-cased, and a letter repeated three or
  more times («خیلیییی») counts once;
- the script-independent skeleton of every word (`translit.skeleton_word`, `_`-marked) is
  appended, so Latin-script Persian ("Finglish") and Persian script share features.

The result is for features only: never store or show it.
"""

from __future__ import annotations

import functools
import re

from shahrvand.common.persian import ZWNJ, normalize_text

from .translit import skeleton_word

# Spoken forms that a reader maps to one written word. Keys and values are written after
# the character-level mapping below (so «آ» is already «ا»).
_COLLOQUIAL = {
    # nouns and adverbs with the spoken «ون» for «ان»
    "خیابون": "خیابان",
    "خیابونا": "خیابانها",
    "خونه": "خانه",
    "خونمون": "خانهمان",
    "ساختمون": "ساختمان",
    "بارون": "باران",
    "میدون": "میدان",
    "زمستون": "زمستان",
    "تابستون": "تابستان",
    "اشپزخونه": "اشپزخانه",
    "کارخونه": "کارخانه",
    "رودخونه": "رودخانه",
    "بیمارستون": "بیمارستان",
    "نونوایی": "نانوایی",
    "اتوبون": "اتوبان",
    "همون": "همان",
    "همونجا": "همانجا",
    "اون": "ان",
    "اونجا": "انجا",
    "اونا": "انها",
    "ازشون": "از انها",
    "بهشون": "به انها",
    "یه": "یک",
    "اگه": "اگر",
    "دیگه": "دیگر",
    "واسه": "برای",
    "کوچیک": "کوچک",
    "اتیش": "اتش",
    "ست": "است",
    "چیه": "چیست",
    # irregular spoken verbs
    "میشه": "میشود",
    "نمیشه": "نمیشود",
    "بشه": "بشود",
    "نشه": "نشود",
    "شه": "شود",
    "میشن": "میشوند",
    "نمیشن": "نمیشوند",
    "میده": "میدهد",
    "نمیده": "نمیدهد",
    "بده": "بدهد",
    "میدن": "میدهند",
    "نمیدن": "نمیدهند",
    "میاد": "میاید",
    "نمیاد": "نمیاید",
    "بیاد": "بیاید",
    "میره": "میرود",
    "نمیره": "نمیرود",
    "بره": "برود",
    "میرن": "میروند",
    "برن": "بروند",
    "میگه": "میگوید",
    "میگن": "میگویند",
    "میمونه": "میماند",
    "میمونن": "میمانند",
    "مونده": "مانده",
    "میفته": "میافتد",
    "بیفته": "بیافتد",
    "داره": "دارد",
    "نداره": "ندارد",
    "دارن": "دارند",
    "ندارن": "ندارند",
    "کنه": "کند",
    "نکنه": "نکند",
    "کنن": "کنند",
    "اومده": "امده",
    "اومد": "امد",
    "اومدن": "امدند",
    "نیومده": "نیامده",
}

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_REPEAT = re.compile(r"(\w)\1{2,}")
_PREFIXES = frozenset({"می", "نمی", "بی"})
_SUFFIXES = frozenset({"ها", "های", "هایی", "هاش", "هاشون", "هامون", "تر", "ترین"})
# Spoken present tense: «میریزه» → «میریزد», «میزنن» → «میزنند». The stem must have two
# or more letters, so short words that merely start with «می» («میوه», «میله») are left
# alone, and «…ان» is never a verb here, which keeps «میدان» and «میزان».
_SPOKEN_3SG = re.compile(r"^(ن?می\w{2,})ه$")
_SPOKEN_3PL = re.compile(r"^(ن?می\w+[^ا])ن$")


@functools.lru_cache(maxsize=200_000)
def _written(token: str) -> str:
    mapped = _COLLOQUIAL.get(token)
    if mapped is not None:
        return mapped
    if token.startswith(("می", "نمی")):
        token = _SPOKEN_3SG.sub(r"\1د", token)
        token = _SPOKEN_3PL.sub(r"\1ند", token)
    return token


def normalize_for_classification(text: str) -> str:
    """Return the coarse form of `text` that the classifier's features are built from."""
    return _normalize(text, with_skeleton=True)


def normalize_words(text: str) -> str:
    """The coarse form of `text` without the skeleton words: for counting words (text mining)."""
    return _normalize(text, with_skeleton=False)


def _normalize(text: str, *, with_skeleton: bool) -> str:
    text = normalize_text(text, keep_newlines=False).lower()
    text = text.replace("آ", "ا").replace("ئ", "ی").replace("ء", "").replace(ZWNJ, " ")
    text = _DIGITS.sub(" 0 ", text)
    text = _NON_WORD.sub(" ", text)
    text = _REPEAT.sub(r"\1", text)
    words: list[str] = []
    spoken: list[str] = []  # the same words before `_written`, for their skeletons
    prefix = ""
    for part in text.split():
        if part in _PREFIXES:
            prefix += part
        elif part == "ی":  # the ezafe written after ZWNJ («کوچه‌ی»): it carries nothing
            continue
        elif part in _SUFFIXES and words and not prefix:
            words[-1] += part
            spoken[-1] += part
        else:
            words.append(_written(prefix + part))
            spoken.append(prefix + part)
            prefix = ""
    if prefix:
        words.append(prefix)
        spoken.append(prefix)
    # Finglish is written as spoken, so the skeleton is of the spoken form («میکنه», not «میکند»).
    if with_skeleton:
        words += ["_" + s for s in map(skeleton_word, spoken) if s]
    return " ".join(words)
