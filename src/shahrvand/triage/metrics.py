"""How well a model does on labelled examples; what "not worse" means for promotion."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
from sklearn.metrics import accuracy_score, confusion_matrix, f1_score

from shahrvand.categories.taxonomy import standard_codes

from .corpus import Examples
from .inference import Classifier, predict_top


@dataclass(frozen=True)
class Metrics:
    n: int
    accuracy: float
    top3_accuracy: float
    macro_f1: float
    labels: list[str]
    confusion: list[list[int]]  # rows: true code, columns: predicted code, in `labels` order

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def summary(self) -> dict[str, float]:
        return {
            "n": self.n,
            "accuracy": round(self.accuracy, 4),
            "top3_accuracy": round(self.top3_accuracy, 4),
            "macro_f1": round(self.macro_f1, 4),
        }

    def not_worse_than(self, other: Metrics) -> bool:
        """Neither top-1 nor top-3 accuracy is lower (equal counts as not worse)."""
        return self.accuracy >= other.accuracy and self.top3_accuracy >= other.top3_accuracy


def evaluate(model: Classifier, examples: Examples) -> Metrics:
    tops = predict_top(model, examples.texts)
    predicted = [top[0][0] for top in tops]
    hits3 = [
        label in {code for code, _ in top} for label, top in zip(examples.labels, tops, strict=True)
    ]
    codes = standard_codes()
    return Metrics(
        n=len(examples),
        accuracy=float(accuracy_score(examples.labels, predicted)),
        top3_accuracy=float(np.mean(hits3)),
        macro_f1=float(
            f1_score(
                examples.labels,
                predicted,
                labels=sorted(set(examples.labels)),
                average="macro",
                zero_division=0,
            )
        ),
        labels=codes,
        confusion=confusion_matrix(examples.labels, predicted, labels=codes).tolist(),
    )
