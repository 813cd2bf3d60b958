"""Prediction without scikit-learn's per-call overhead.

`Pipeline.predict_proba` on one text costs ~8 ms, nearly all of it input validation repeated
in every step and in each of the 17 calibrators; the arithmetic is a few microseconds. So the
fitted pipeline is compiled once into arrays (vocabularies, idf, SVM weights, sigmoid
parameters) and a prediction is the same arithmetic in numpy. `tests/triage` checks that
the two agree; a pipeline of another shape (e.g. two classes) simply uses `predict_proba`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.special import expit

Floats = npt.NDArray[np.float64]


class Classifier:
    """A fitted pipeline and its compiled form. Pickles as the pipeline alone."""

    def __init__(self, pipeline: Any) -> None:
        self.pipeline = pipeline
        self.classes_: list[str] = [str(code) for code in pipeline.classes_]
        self._compiled = _Compiled.build(pipeline)

    def __reduce__(self) -> tuple[type[Classifier], tuple[Any]]:
        return (Classifier, (self.pipeline,))

    def predict_proba(self, texts: Sequence[str], *, exact: bool = False) -> Floats:
        """Probabilities per text (rows) and class (columns, `classes_` order)."""
        if self._compiled is None or exact:
            return np.asarray(self.pipeline.predict_proba(list(texts)), dtype=np.float64)
        return self._compiled.predict_proba(texts)


def predict_top(
    model: Classifier, texts: Sequence[str], k: int = 3
) -> list[list[tuple[str, float]]]:
    """For each text, the `k` likeliest codes with their probabilities, likeliest first."""
    if not texts:
        return []
    proba = model.predict_proba(texts)
    order = np.argsort(-proba, axis=1, kind="stable")[:, :k]
    return [
        [(model.classes_[j], float(row[j])) for j in idx]
        for row, idx in zip(proba, order, strict=True)
    ]


class _Compiled:
    def __init__(
        self,
        normalise: Callable[[Sequence[str]], list[str]],
        blocks: list[tuple[Callable[[str], list[str]], dict[str, int], Floats, int]],
        weights: Floats,
        intercept: Floats,
        a: Floats,
        b: Floats,
    ) -> None:
        self.normalise = normalise
        self.blocks = blocks  # (analyzer, vocabulary, idf, column offset) per vectorizer
        self.weights = weights  # (n_features, n_classes)
        self.intercept = intercept
        self.a, self.b = a, b

    @classmethod
    def build(cls, pipeline: Any) -> _Compiled | None:
        """Compile the pipeline `model.build_pipeline` makes; None for any other shape."""
        try:
            steps = pipeline.named_steps
            calibrated = steps["classifier"]
            (fitted,) = calibrated.calibrated_classifiers_
            svm = fitted.estimator
            classes = list(calibrated.classes_)
            if len(classes) < 3 or list(svm.classes_) != classes or fitted.method != "sigmoid":
                return None
            blocks = []
            offset = 0
            for _, vectorizer in steps["features"].transformer_list:
                if not (vectorizer.sublinear_tf and vectorizer.norm == "l2" and vectorizer.use_idf):
                    return None
                idf = np.asarray(vectorizer.idf_, dtype=np.float64)
                blocks.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, idf, offset))
                offset += len(idf)
            weights = np.asarray(svm.coef_, dtype=np.float64)
            if weights.shape != (len(classes), offset):
                return None
            return cls(
                normalise=steps["normalise"].func,
                blocks=blocks,
                weights=np.ascontiguousarray(weights.T),
                intercept=np.asarray(svm.intercept_, dtype=np.float64),
                a=np.array([c.a_ for c in fitted.calibrators], dtype=np.float64),
                b=np.array([c.b_ for c in fitted.calibrators], dtype=np.float64),
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    def predict_proba(self, texts: Sequence[str]) -> Floats:
        normalised = self.normalise(texts)
        scores = np.empty((len(normalised), len(self.intercept)))
        for row, text in enumerate(normalised):
            columns, values = self._features(text)
            scores[row] = values @ self.weights[columns] + self.intercept
        proba: Floats = expit(-(self.a * scores + self.b))
        total = proba.sum(axis=1, keepdims=True)
        n_classes = proba.shape[1]
        result: Floats = np.divide(
            proba, total, out=np.full_like(proba, 1 / n_classes), where=total > 0
        )
        return result

    def _features(self, text: str) -> tuple[npt.NDArray[np.intp], Floats]:
        """TF-IDF as TfidfVectorizer computes it: (1 + log tf) · idf, L2 per vectorizer."""
        all_columns: list[npt.NDArray[np.intp]] = []
        all_values: list[Floats] = []
        for analyze, vocabulary, idf, offset in self.blocks:
            counts: dict[int, int] = {}
            for gram in analyze(text):
                column = vocabulary.get(gram)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts.keys(), dtype=np.intp, count=len(counts))
            tf = np.fromiter(counts.values(), dtype=np.float64, count=len(counts))
            values = (np.log(tf) + 1.0) * idf[columns]
            values /= np.sqrt(values @ values)
            all_columns.append(columns + offset)
            all_values.append(values)
        if not all_columns:
            return np.zeros(0, dtype=np.intp), np.zeros(0)
        return np.concatenate(all_columns), np.concatenate(all_values)
