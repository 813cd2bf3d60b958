"""From the classifier's standard codes to a municipality's own categories.

The classifier predicts one of the 17 standard codes; people choose among their city's
local categories. Within a predicted code, the local category whose name and keywords
share the most words with the text is offered (the first one when none do).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings

from shahrvand.categories.lookup import active_categories
from shahrvand.categories.models import Category
from shahrvand.common.persian import ZWNJ, normalize_text

from . import classifier, store


@dataclass(frozen=True)
class Suggestion:
    category: Category
    standard_code: str
    probability: float


def _words(text: str) -> set[str]:
    flat = normalize_text(text, keep_newlines=False).replace(ZWNJ, "").replace(",", " ")
    return {w for w in flat.split() if len(w) > 1}


def best_local(candidates: list[Category], text: str) -> Category:
    words = _words(text)

    def overlap(category: Category) -> int:
        return len(words & _words(f"{category.name_fa} {category.keywords}"))

    return max(candidates, key=lambda c: (overlap(c), -c.pk))


def suggest_categories(municipality_id: int, text: str, k: int = 3) -> list[Suggestion]:
    """Up to `k` local categories for `text`, most likely first (none for blank text)."""
    if not normalize_text(text).strip():
        return []
    top = classifier_for(municipality_id)(text)[:k]
    wanted = {code for code, _ in top}
    local: dict[str, list[Category]] = {}
    for category in active_categories(municipality_id).values():  # with standard and body
        if category.standard_id in wanted:
            local.setdefault(category.standard_id, []).append(category)
    return [
        Suggestion(best_local(local[code], text), code, probability)
        for code, probability in top
        if code in local
    ]


def classifier_for(municipality_id: int) -> Callable[[str], list[tuple[str, float]]]:
    """The municipality's own model once retraining made one (learning.py), else the global."""
    local = store.model_dir() / f"municipality-{municipality_id}"
    if (local / store.CURRENT_FILE).exists():
        return lambda text: classifier.suggest(text, directory=local)
    return classifier.suggest


def auto_threshold() -> float:
    return float(settings.SHAHRVAND_AUTO_CATEGORISE_CONFIDENCE)
