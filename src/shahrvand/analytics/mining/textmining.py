"""Text mining of report descriptions: frequent terms and phrase clusters (docs/mining.md).

Texts go through the classifier's coarse Persian normalisation (triage/textnorm.py), so
«خیابون» and «خیابان», «می‌ریزه» and «میریزد» count as one word; stop words
(stopwords_fa.txt) and digits are dropped. A phrase (2- or 3-word n-gram) is taken from the
running text and kept unless it starts or ends with a stop word, so «جمع اوری زباله» survives
and «از این» does not.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from shahrvand.triage.textnorm import normalize_words

MAX_DOCUMENTS = 2_000  # the latest descriptions of the window; enough to see a theme
TOP_TERMS = 25
MAX_CLUSTERS = 8
MIN_CLUSTER_SIZE = 3


@functools.cache
def stop_words() -> frozenset[str]:
    path = Path(__file__).with_name("stopwords_fa.txt")
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _is_content(word: str) -> bool:
    return len(word) > 1 and word != "0" and word not in stop_words()


def terms_of(text: str) -> list[str]:
    """Content words, then 2- and 3-word phrases, of one description (each once)."""
    words = normalize_words(text).split()
    found: list[str] = [w for w in words if _is_content(w)]
    for n in (2, 3):
        for i in range(len(words) - n + 1):
            gram = words[i : i + n]
            if _is_content(gram[0]) and _is_content(gram[-1]) and "0" not in gram:
                found.append(" ".join(gram))
    return list(dict.fromkeys(found))


@dataclass(frozen=True)
class Term:
    text: str
    documents: int  # in how many descriptions it occurs
    words: int  # 1, 2 or 3


def top_terms(
    texts: Sequence[str], *, limit: int = TOP_TERMS, min_documents: int = 2
) -> list[Term]:
    """The terms found in the most descriptions, phrases and words ranked together."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(terms_of(text))
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], -kv[0].count(" "), kv[0]))
    return [Term(term, n, term.count(" ") + 1) for term, n in ranked if n >= min_documents][:limit]


@dataclass(frozen=True)
class Cluster:
    label: str  # the three heaviest terms of the centroid
    size: int
    terms: tuple[str, ...]
    examples: tuple[str, ...]  # tracking codes of the descriptions nearest the centroid


def clusters(
    documents: Sequence[tuple[str, str]],
    *,
    max_clusters: int = MAX_CLUSTERS,
    min_size: int = MIN_CLUSTER_SIZE,
) -> list[Cluster]:
    """Group (tracking_code, description) pairs by TF-IDF over words and phrases with
    mini-batch k-means; k grows with the square root of the number of texts. Clusters
    smaller than `min_size` are left out. Largest first; deterministic (fixed seed)."""
    import numpy as np
    from sklearn.cluster import MiniBatchKMeans
    from sklearn.feature_extraction.text import TfidfVectorizer

    if len(documents) < 2 * min_size:
        return []
    vectorizer = TfidfVectorizer(analyzer=terms_of, min_df=2, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([text for _, text in documents])
    except ValueError:  # no term occurs twice: nothing to group
        return []
    k = max(2, min(max_clusters, round((len(documents) / 2) ** 0.5)))
    model = MiniBatchKMeans(n_clusters=k, random_state=0, n_init=3, batch_size=1024)
    labels = model.fit_predict(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    distances = model.transform(matrix)
    found: list[Cluster] = []
    for index in range(k):
        members = np.flatnonzero(labels == index)
        if len(members) < min_size:
            continue
        centre = model.cluster_centers_[index]
        heaviest = [str(vocabulary[i]) for i in np.argsort(centre)[::-1][:6] if centre[i] > 0]
        nearest = members[np.argsort(distances[members, index])][:3]
        found.append(
            Cluster(
                label="، ".join(heaviest[:3]),
                size=len(members),
                terms=tuple(heaviest),
                examples=tuple(documents[i][0] for i in nearest),
            )
        )
    found.sort(key=lambda c: (-c.size, c.label))
    return found
