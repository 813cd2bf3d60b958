"""The report classifier as the product uses it: suggestions for a text, versioned retraining.

Importable without Django. The model is the version `store.current()` names; it is loaded
once per process and reloaded when the pointer changes. If there is no usable model (fresh
clone, or one saved by another scikit-learn), one is trained from the packaged corpus on
first use — a few seconds — so the classifier works straight after `make run`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from . import store
from .corpus import CORPUS_DIR, Examples, concat, heldout_dir, read_jsonl, read_split
from .inference import Classifier, predict_top
from .metrics import Metrics, evaluate
from .model import MAX_CHARS, fit
from .store import ModelVersion
from .textnorm import normalize_for_classification

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class TrainResult:
    version: ModelVersion
    metrics: Metrics  # on the held-out split
    promoted: bool
    previous: ModelVersion | None  # the current version before training
    seconds: float  # fitting time


def suggest(text: str, *, directory: Path | None = None) -> list[tuple[str, float]]:
    """The three likeliest standard codes for `text`, likeliest first, with probabilities.

    `directory` picks another model store (a municipality's own model). Returns an empty
    list when the text has no words to go on.
    """
    if not has_words(text):
        return []
    return predict_top(current_model(directory), [text])[0]


def has_words(text: str) -> bool:
    return bool(normalize_for_classification(text[:MAX_CHARS]))


def train_version(
    *,
    corpus_dir: Path | None = None,
    extra: Sequence[Path] = (),
    force: bool = False,
    directory: Path | None = None,
) -> TrainResult:
    """Train on the corpus (plus `extra` JSON Lines files) and save a new version.

    The new version becomes current only if `promote_if_not_worse` agrees, or with `force`.
    """
    directory = directory or store.model_dir()
    train = concat([read_split("train", corpus_dir), *(read_jsonl(path) for path in extra)])
    heldout = read_split("heldout", heldout_dir(corpus_dir))
    model, seconds = _fit(train)
    with store.training_lock(directory):
        return _save_and_promote(model, seconds, train, heldout, force=force, directory=directory)


def promote_if_not_worse(
    candidate: ModelVersion, current: ModelVersion | None, *, heldout: Examples | None = None
) -> bool:
    """Make `candidate` current unless `current` does better on the held-out split.

    Both are scored now, on the same held-out examples (default: the packaged split), so a
    model is never judged by stale numbers. "Not worse" is `Metrics.not_worse_than`: top-1
    and top-3 accuracy both at least as high. A current model that cannot be loaded here
    loses. Returns whether the pointer (in the candidate's directory) moved.
    """
    if heldout is None:
        heldout = read_split("heldout", CORPUS_DIR)
    if current is not None and current.path != candidate.path:
        incumbent = _load(current)
        if incumbent is not None:
            ours = evaluate(candidate.load(), heldout)
            theirs = evaluate(incumbent, heldout)
            if not ours.not_worse_than(theirs):
                log.info(
                    "v%d not promoted: held-out %s vs current v%d %s",
                    candidate.version, ours.summary(), current.version, theirs.summary(),
                )  # fmt: skip
                return False
    store.set_current(candidate, candidate.path.parent)
    return True


_cache_lock = threading.Lock()
_cache: dict[tuple[str, tuple[int, int] | None], Classifier] = {}


def current_model(directory: Path | None = None) -> Classifier:
    """The current model, cached per process; trains one first if there is none usable."""
    directory = directory or store.model_dir()
    with _cache_lock:
        key = (str(directory), store.pointer_stamp(directory))
        if key in _cache:
            return _cache[key]
        model = _load(store.current(directory))
        if model is None:
            with store.training_lock(directory):
                model = _load(store.current(directory))  # trained meanwhile by another process?
                if model is None:
                    model = _train_default(directory)
            key = (str(directory), store.pointer_stamp(directory))
        for stale in [k for k in _cache if k[0] == str(directory)]:
            del _cache[stale]  # one model per store: the global one and each city's own
        _cache[key] = model
        return model


def _train_default(directory: Path) -> Classifier:
    log.warning("no usable classifier model in %s: training one from the corpus", directory)
    train, heldout = read_split("train"), read_split("heldout")
    model, seconds = _fit(train)
    result = _save_and_promote(model, seconds, train, heldout, force=True, directory=directory)
    log.warning("trained v%d: held-out %s", result.version.version, result.metrics.summary())
    return model


def _fit(train: Examples) -> tuple[Classifier, float]:
    started = time.perf_counter()
    model = fit(train)
    return model, time.perf_counter() - started


def _save_and_promote(
    model: Classifier,
    seconds: float,
    train: Examples,
    heldout: Examples,
    *,
    force: bool,
    directory: Path,
) -> TrainResult:
    """Caller holds the training lock."""
    metrics = evaluate(model, heldout)
    metadata = {
        "trained_at": store.now_iso(),
        "corpus_hash": train.sha256(),
        "heldout_hash": heldout.sha256(),
        "train_examples": len(train),
        "training_seconds": round(seconds, 2),
        "metrics": {"heldout": metrics.summary()},
    }
    previous = store.current(directory)
    version = store.save_version(model, metadata, directory)
    if force:
        store.set_current(version, directory)
        promoted = True
    else:
        promoted = promote_if_not_worse(version, previous, heldout=heldout)
    return TrainResult(version, metrics, promoted, previous, seconds)


def _load(version: ModelVersion | None) -> Classifier | None:
    if version is None:
        return None
    reason = version.incompatibility()
    if reason is None:
        try:
            return version.load()
        except Exception as exc:  # a truncated or foreign file must not stop classification
            reason = f"cannot load: {exc}"
    log.warning("classifier model v%d is not usable: %s", version.version, reason)
    return None
