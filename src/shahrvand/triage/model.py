"""The classifier itself: features and a linear SVM with calibrated probabilities.

Features are TF-IDF (sublinear tf) of word 1–2-grams and char_wb 2–5-grams of the coarse
text from `textnorm`; the char n-grams carry typos, missing spaces and spoken endings.
The classifier is a linear SVM (hinge loss, L2, C=1) inside sigmoid calibration, which beat
multinomial logistic regression on the held-out split and trains faster (bench/classifier/
README.md has the comparison). Calibration uses one SVM trained on everything plus sigmoid
maps fitted on cross-validated scores (`ensemble=False`), so the artefact holds one weight
matrix and a prediction costs one dot product.

The SVM is solved exactly by liblinear (`LinearSVC`) up to `LARGE_CORPUS` reports; above it,
by stochastic gradient descent on the same objective (alpha = 1 / (C·n), 5 epochs), because
liblinear's time grows faster than linearly and the 100,000-report target is under a minute;
normalisation and the two vectorizers then also run in `WORKERS` processes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from joblib import Parallel, delayed
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC

from .corpus import Examples
from .inference import Classifier
from .textnorm import normalize_for_classification

# Bump when textnorm or the features change meaning: a saved model of another features
# version would silently see different inputs, so it is retrained instead of loaded.
FEATURES_VERSION = 2
LARGE_CORPUS = 20_000
WORKERS = 2  # processes for large corpora (the target machine has two cores)
SVM_C = 1.0
CV_FOLDS = 5
# Only the start of a very long text is read: it bounds latency and says what the report is.
MAX_CHARS = 4_000


def normalize_batch(texts: Iterable[str]) -> list[str]:
    texts = list(texts)
    if len(texts) < LARGE_CORPUS:
        return _normalize_chunk(texts)
    size = len(texts) // (2 * WORKERS) + 1
    chunks = [texts[i : i + size] for i in range(0, len(texts), size)]
    parts = Parallel(n_jobs=WORKERS)(delayed(_normalize_chunk)(chunk) for chunk in chunks)
    return [text for part in parts for text in part]


def _normalize_chunk(texts: list[str]) -> list[str]:
    return [normalize_for_classification(text[:MAX_CHARS]) for text in texts]


def build_pipeline(labels: Sequence[str]) -> Any:
    """An unfitted pipeline sized for `labels` (the training labels)."""
    counts = np.unique(np.asarray(labels), return_counts=True)[1]
    if len(counts) < 2 or counts.min() < 2:
        raise ValueError("training needs at least two labels with two examples each")
    large = len(labels) > LARGE_CORPUS
    svm: Any
    if large:
        svm = SGDClassifier(
            loss="hinge", alpha=1 / (SVM_C * len(labels)), max_iter=5, tol=None,
            random_state=0, n_jobs=WORKERS,
        )  # fmt: skip
    else:
        svm = LinearSVC(C=SVM_C, random_state=0)
    features = FeatureUnion(
        [
            ("words", _tfidf(analyzer="word", ngram_range=(1, 2), max_features=200_000)),
            ("chars", _tfidf(analyzer="char_wb", ngram_range=(2, 5), max_features=300_000)),
        ],
        n_jobs=WORKERS if large else None,
    )
    folds = 2 if large else int(min(CV_FOLDS, counts.min()))
    calibrated = CalibratedClassifierCV(svm, method="sigmoid", cv=folds, ensemble=False)
    return Pipeline(
        [
            ("normalise", FunctionTransformer(normalize_batch)),
            ("features", features),
            ("classifier", calibrated),
        ]
    )


def _tfidf(**options: Any) -> TfidfVectorizer:
    # Text is already lower-cased and tokenised into space-separated words by textnorm.
    return TfidfVectorizer(
        sublinear_tf=True,
        lowercase=False,
        # bandit B106: a regex, not a password
        token_pattern=r"(?u)\b\w\w+\b",  # noqa: S106  # nosec B106
        **options,
    )


def fit(examples: Examples) -> Classifier:
    pipeline = build_pipeline(examples.labels)
    pipeline.fit(examples.texts, examples.labels)
    features = pipeline.named_steps["features"]
    features.n_jobs = None  # predictions are small batches: no worker processes
    return Classifier(pipeline)
