"""Benchmark of the report classifier (shahrvand.triage).

Measures, on this machine:
- held-out accuracy, top-3 accuracy and macro-F1 of a model trained on the corpus, on the
  clean held-out split and on a noisy copy of it (Arabic letters, digits, typos, ZWNJ);
- latency per report: one text per call, and batches of 512 (median and p95);
- `shahrvand classify` end to end on 10,000 JSON lines;
- training time on 100,000 synthetic reports, made by recombining fragments of the training
  corpus within a category and adding noise.
With --compare, also the model comparison (calibrated linear SVM vs logistic regression).

    .venv/bin/python bench/classifier/run.py [--compare] [--json OUT] [--n-synthetic N]

Nothing is written to var/models: models are trained in memory (the CLI run uses a
temporary SHAHRVAND_MODEL_DIR).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from shahrvand.triage.corpus import FINGLISH_HELDOUT, Examples, read_jsonl, read_split
from shahrvand.triage.inference import Classifier, predict_top
from shahrvand.triage.metrics import evaluate
from shahrvand.triage.model import build_pipeline, fit

REPO = Path(__file__).resolve().parents[2]
FRAGMENT_SPLIT = re.compile(r"[،,.؛;!?؟\n]+")
GREETINGS = ["سلام", "با سلام و احترام،", "سلام خسته نباشید", "ببخشید", "سلام وقت بخیر"]
CLOSINGS = ["لطفا رسیدگی کنید", "ممنون", "خواهشمندم پیگیری کنید", "تشکر", "فوری"]
PLACES = ["پلاک {n}", "کوچه {n}", "خیابان {n} متری", "منطقه {n}", "واحد {n}", "خط {n}"]
ARABIC = str.maketrans({"ی": "ي", "ک": "ك"})
PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")


# noise and synthetic reports ------------------------------------------------------------


def typo(word: str, rnd: random.Random) -> str:
    if len(word) < 3:
        return word
    i = rnd.randrange(len(word) - 1)
    kind = rnd.randrange(3)
    if kind == 0:  # drop a letter
        return word[:i] + word[i + 1 :]
    if kind == 1:  # swap two letters
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[: i + 1] + word[i] + word[i + 1 :]  # double a letter


def add_noise(text: str, rnd: random.Random) -> str:
    words = [typo(w, rnd) if rnd.random() < 0.06 else w for w in text.split(" ")]
    text = " ".join(words)
    if rnd.random() < 0.3:
        text = text.translate(ARABIC)
    if rnd.random() < 0.3:  # ZWNJ typed as a space, or left out
        text = text.replace("\u200c", rnd.choice([" ", ""]))
    if rnd.random() < 0.3:
        place = rnd.choice(PLACES).format(n=rnd.randint(1, 400))
        text = f"{text} {place}" if rnd.random() < 0.5 else f"{place} {text}"
    if rnd.random() < 0.5:
        text = text.translate(rnd.choice([PERSIAN_DIGITS, ASCII_DIGITS]))
    if rnd.random() < 0.2:
        text = f"{rnd.choice(GREETINGS)} {text}"
    if rnd.random() < 0.2:
        text = f"{text} {rnd.choice(CLOSINGS)}"
    return text


def synthetic(train: Examples, n: int, seed: int = 0) -> Examples:
    """`n` reports: 1–3 fragments of same-category training texts, recombined, with noise."""
    rnd = random.Random(seed)
    fragments: dict[str, list[str]] = {}
    for text, label in zip(train.texts, train.labels, strict=True):
        parts = [p.strip() for p in FRAGMENT_SPLIT.split(text) if len(p.strip()) > 6]
        fragments.setdefault(label, []).extend(parts or [text])
    codes = sorted(fragments)
    texts, labels = [], []
    for _ in range(n):
        code = rnd.choice(codes)
        pool = fragments[code]
        parts = rnd.sample(pool, k=min(len(pool), rnd.choice([1, 1, 2, 2, 3])))
        texts.append(add_noise(rnd.choice(["، ", " ", " و "]).join(parts), rnd))
        labels.append(code)
    return Examples(texts, labels, ())


# measurements -----------------------------------------------------------------------------


def finglish(model: Classifier) -> dict[str, Any]:
    """Top-1/top-3 on the hand-written Finglish held-out set, overall and per writing style."""
    rows = [json.loads(line) for line in FINGLISH_HELDOUT.read_text("utf-8").splitlines() if line]
    result: dict[str, Any] = {}
    for style in ["all", *sorted({row.get("style", "") for row in rows})]:
        chosen = [row for row in rows if style == "all" or row.get("style", "") == style]
        examples = Examples([r["text"] for r in chosen], [r["label"] for r in chosen], ())
        metrics = evaluate(model, examples)
        result[style] = {"n": len(chosen), "top1": round(metrics.accuracy, 3),
                         "top3": round(metrics.top3_accuracy, 3)}  # fmt: skip
    return result


def percentiles(seconds: Sequence[float]) -> dict[str, float]:
    ms = np.asarray(seconds) * 1000
    return {
        "median_ms": round(float(np.median(ms)), 3),
        "p95_ms": round(float(np.percentile(ms, 95)), 3),
    }


def latency(model: Classifier, texts: list[str]) -> dict[str, Any]:
    predict_top(model, texts[:50])  # warm up
    single = []
    for text in texts * 3:
        started = time.perf_counter()
        predict_top(model, [text])
        single.append(time.perf_counter() - started)
    stream = (texts * (5120 // len(texts) + 1))[:5120]
    batched = []
    for start in range(0, len(stream), 512):
        chunk = stream[start : start + 512]
        started = time.perf_counter()
        predict_top(model, chunk)
        batched.append((time.perf_counter() - started) / len(chunk))
    return {"single": percentiles(single), "batch_512_per_report": percentiles(batched)}


def cli_run(texts: list[str], model_dir: Path) -> dict[str, Any]:
    lines = "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)
    env = {**os.environ, "SHAHRVAND_MODEL_DIR": str(model_dir)}
    command = [sys.executable, "-m", "shahrvand.cli", "classify"]
    subprocess.run(command, input=b"", env=env, check=True, capture_output=True)  # trains v1
    started = time.perf_counter()
    done = subprocess.run(command, input=lines.encode(), env=env, check=True, capture_output=True)
    seconds = time.perf_counter() - started
    answered = done.stdout.decode().count("\n")
    return {"lines": len(texts), "answered": answered, "wall_seconds": round(seconds, 2)}


def timed_fit(examples: Examples) -> tuple[Classifier, float]:
    started = time.perf_counter()
    model = fit(examples)
    return model, time.perf_counter() - started


# model comparison -----------------------------------------------------------------------


def candidates() -> dict[str, Callable[[], Any]]:
    def svm(c: float, ensemble: bool) -> Callable[[], Any]:
        return lambda: CalibratedClassifierCV(
            LinearSVC(C=c, random_state=0), method="sigmoid", cv=5, ensemble=ensemble
        )

    def logreg(c: float) -> Callable[[], Any]:
        return lambda: LogisticRegression(C=c, max_iter=3000)

    return {
        "calibrated LinearSVC C=1, one SVM (chosen)": svm(1.0, False),
        "calibrated LinearSVC C=1, 5-SVM ensemble": svm(1.0, True),
        "calibrated LinearSVC C=0.5, one SVM": svm(0.5, False),
        "LogisticRegression C=10": logreg(10),
        "LogisticRegression C=30": logreg(30),
        "LogisticRegression C=100": logreg(100),
    }


def compare(train: Examples, heldout: Examples) -> list[dict[str, Any]]:
    rows = []
    folds = StratifiedKFold(5, shuffle=True, random_state=0)
    for name, make in candidates().items():

        def fitted(examples: Examples, make: Callable[[], Any] = make) -> Classifier:
            pipeline = build_pipeline(examples.labels).set_params(classifier=make())
            pipeline.fit(examples.texts, examples.labels)
            return Classifier(pipeline)

        hits = hits3 = 0
        for train_idx, test_idx in folds.split(train.texts, train.labels):
            part = Examples(
                [train.texts[i] for i in train_idx], [train.labels[i] for i in train_idx], ()
            )
            test = Examples(
                [train.texts[i] for i in test_idx], [train.labels[i] for i in test_idx], ()
            )
            m = evaluate(fitted(part), test)
            hits += round(m.accuracy * m.n)
            hits3 += round(m.top3_accuracy * m.n)
        started = time.perf_counter()
        model = fitted(train)
        seconds = time.perf_counter() - started
        held = evaluate(model, heldout).summary()
        rows.append(
            {
                "model": name,
                "cv5_train_accuracy": round(hits / len(train), 4),
                "cv5_train_top3": round(hits3 / len(train), 4),
                "heldout": held,
                "fit_seconds": round(seconds, 2),
            }
        )
        print(f"  {name:45s} cv5 acc {rows[-1]['cv5_train_accuracy']:.4f} "
              f"top3 {rows[-1]['cv5_train_top3']:.4f} | held-out acc {held['accuracy']:.4f} "
              f"top3 {held['top3_accuracy']:.4f} F1 {held['macro_f1']:.4f} | "
              f"fit {seconds:.1f} s", flush=True)  # fmt: skip
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--compare", action="store_true", help="also compare model families")
    parser.add_argument("--n-synthetic", type=int, default=100_000)
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args()

    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
        "python": platform.python_version(),
        "sklearn": sklearn.__version__,
    }
    train, heldout = read_split("train"), read_split("heldout")
    print(f"corpus: {len(train)} training, {len(heldout)} held-out reports", flush=True)
    results["corpus"] = {"train": len(train), "heldout": len(heldout)}

    model, seconds = timed_fit(train)
    results["train_corpus_seconds"] = round(seconds, 2)
    results["heldout"] = evaluate(model, heldout).summary()
    rnd = random.Random(1)
    noisy = Examples([add_noise(t, rnd) for t in heldout.texts], heldout.labels, ())
    results["heldout_noisy"] = evaluate(model, noisy).summary()
    print(f"trained on the corpus in {seconds:.1f} s", flush=True)
    print(f"held-out:         {results['heldout']}", flush=True)
    print(f"held-out + noise: {results['heldout_noisy']}", flush=True)

    results["heldout_finglish"] = finglish(model)
    print(f"held-out Finglish: {results['heldout_finglish']}", flush=True)

    results["latency"] = latency(model, heldout.texts)
    results["latency_finglish"] = latency(model, read_jsonl(FINGLISH_HELDOUT).texts)
    print(f"latency: {results['latency']}", flush=True)
    print(f"latency, Finglish: {results['latency_finglish']}", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        texts = (heldout.texts * (10_000 // len(heldout) + 1))[:10_000]
        results["cli_10k"] = cli_run(texts, Path(tmp))
    print(f"shahrvand classify, 10,000 lines: {results['cli_10k']}", flush=True)

    big = synthetic(train, args.n_synthetic)
    big_model, seconds = timed_fit(big)
    results["synthetic"] = {
        "reports": len(big),
        "train_seconds": round(seconds, 1),
        "heldout": evaluate(big_model, heldout).summary(),
        "latency": latency(big_model, heldout.texts),
    }
    print(f"synthetic: {results['synthetic']}", flush=True)

    if args.compare:
        print("model comparison (5-fold CV on train, then held-out):", flush=True)
        results["comparison"] = compare(train, heldout)

    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
