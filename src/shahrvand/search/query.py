"""A search query as data, and its text for FTS5 MATCH and for PostgreSQL's to_tsquery.

A query is an AND of groups; a group is an OR of phrases; a phrase is one or more words.
Only this module writes query syntax, and it quotes every word, so user input never
reaches either database as syntax (`"`, `*`, `OR`, `NEAR(`, `:*`, `&`, `!` are separators
or quoted words).

Persian writers join the verbal prefixes «می/نمی» and the suffixes «ها/های/هایی/تر/ترین»
to their word with ZWNJ, with nothing, or with a space. So a query word that starts or
ends with one («میشود», «خانه‌ها») is also searched as the phrase of its parts, and a
query that writes one apart («می شود») is also searched joined: «میشود», «می‌شود» and
«می شود» find each other whichever the report or the query uses. Phrases of parts are
matched only in the ZWNJ-split copy of the text (FTS5 column `split`, tsvector weight B).

The last word is a prefix (search as you type) when it has at least MIN_PREFIX letters.
Words are cut to MAX_WORD letters and then searched as a prefix.
"""

from __future__ import annotations

from dataclasses import dataclass

from .words import query_words

PREFIXES = ("نمی", "می")
SUFFIXES = ("هایی", "های", "ها", "ترین", "تر")
# The part left after taking off an affix must be at least this long to count as a word.
MIN_STEM = 2
MIN_PREFIX = 2
# Longer query words are cut to this length and searched as a prefix (PostgreSQL rejects
# lexemes over 2 kB and indexes no word that long).
MAX_WORD = 60

Phrase = tuple[str, ...]


@dataclass(frozen=True)
class Query:
    groups: tuple[tuple[Phrase, ...], ...]


def _alternatives(words: list[str]) -> tuple[Phrase, ...]:
    """The phrases one query group is searched as (the joined spelling first)."""
    if len(words) == 2:
        return ("".join(words),), (words[0], words[1])
    word = words[0]
    found: list[Phrase] = [(word,)]
    for prefix in PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= MIN_STEM:
            found.append((prefix, word[len(prefix) :]))
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            found.append((word[: -len(suffix)], suffix))
            break
    return tuple(found)


def build(text: str) -> Query | None:
    """The query for a user's search text, or None if it has no words."""
    terms = [word[:MAX_WORD] for word in query_words(text)]
    if not terms:
        return None
    affixes = PREFIXES + SUFFIXES
    grouped: list[list[str]] = []
    i = 0
    while i < len(terms):
        term = terms[i]
        if term in PREFIXES and i + 1 < len(terms) and terms[i + 1] not in affixes:
            grouped.append([term, terms[i + 1]])
            i += 2
            continue
        if term in SUFFIXES and grouped and len(grouped[-1]) == 1:
            grouped[-1].append(term)
        else:
            grouped.append([term])
        i += 1
    groups = tuple(_alternatives(words) for words in grouped)
    return Query(groups=groups)


def _is_prefix(query: Query, group: int, word: str, last: bool) -> bool:
    """The last word of the query's last group, and any word cut to MAX_WORD."""
    if len(word) >= MAX_WORD:
        return True
    return last and group == len(query.groups) - 1 and len(word) >= MIN_PREFIX


def _fts5_word(word: str, *, prefix: bool) -> str:
    return '"' + word.replace('"', '""') + '"' + ("*" if prefix else "")


def to_fts5(query: Query) -> str:
    """FTS5 MATCH text: `("میشود" OR split : "می" + "شود") AND ("چاله"*)`."""
    parts = []
    for g, group in enumerate(query.groups):
        phrases = []
        for phrase in group:
            words = " + ".join(
                _fts5_word(word, prefix=_is_prefix(query, g, word, last=w == len(phrase) - 1))
                for w, word in enumerate(phrase)
            )
            phrases.append(words if len(phrase) == 1 else f"split : {words}")
        parts.append("(" + " OR ".join(phrases) + ")")
    return " AND ".join(parts)


def _lexeme(word: str, *, prefix: bool, weight: str = "") -> str:
    quoted = "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"
    label = ("*" if prefix else "") + weight
    return f"{quoted}:{label}" if label else quoted


def to_tsquery(query: Query) -> str:
    """to_tsquery('simple', …) text: `('میشود' | 'می':B <-> 'شود':B) & ('چاله':*)`."""
    parts = []
    for g, group in enumerate(query.groups):
        phrases = []
        for phrase in group:
            weight = "B" if len(phrase) > 1 else ""
            lexemes = [
                _lexeme(
                    word,
                    prefix=_is_prefix(query, g, word, last=w == len(phrase) - 1),
                    weight=weight,
                )
                for w, word in enumerate(phrase)
            ]
            phrases.append(" <-> ".join(lexemes))
        parts.append("(" + " | ".join(phrases) + ")")
    return " & ".join(parts)
