"""Latin-script Persian ("Finglish") is classified like Persian script (#20 item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shahrvand.triage import classifier
from shahrvand.triage.classifier import TrainResult
from shahrvand.triage.corpus import FINGLISH_HELDOUT, read_jsonl
from shahrvand.triage.metrics import evaluate
from shahrvand.triage.textnorm import normalize_for_classification
from shahrvand.triage.translit import skeleton

from . import cli


@pytest.mark.parametrize(
    "spellings",
    [
        ["khamooshe", "xamushe", "khamoushe", "khmsh", "خاموشه"],  # kh/x, oo/u/ou, no vowels
        ["cheragh", "cheraq", "chiragh", "chrgh", "چراغ"],  # gh/q
        ["kooche", "koocheh", "kuche", "kouche", "kche", "کوچه"],  # oo/u/ou, final h
        ["shekaste", "shkste", "shekasteh", "شکسته"],  # sh
        ["kheili", "khili", "kheyli", "xeili", "خیلی"],  # ee/i/ey
        ["ab", "aab", "آب"],  # a/aa
        ["ghabz", "qabz", "قبض"],  # gh/q and ق
    ],
)
def test_spelling_variants_share_one_skeleton(spellings: list[str]) -> None:
    assert len({skeleton(word) for word in spellings}) == 1, [skeleton(w) for w in spellings]


def test_both_scripts_of_a_sentence_share_their_skeleton_features() -> None:
    latin = normalize_for_classification("cheraghaye kooche 1 hafte khamooshe")
    persian = normalize_for_classification("چراغای کوچه ۱ هفته خاموشه")
    assert latin.split()[-4:] == persian.split()[-4:] == ["_Crq", "_kC", "_hft", "_xmS"]


def test_skeleton_ignores_digits_punctuation_and_zwnj() -> None:
    assert skeleton("sag-e velgard!! 3ta") == skeleton("sag e velgard ta")
    assert skeleton("می‌کنه") == skeleton("میکنه") == skeleton("mikone")


CLEAR = [
    ("cheraghaye kooche 1 hafte khamooshe", "lighting"),
    ("sag velgard too park be bache ha hamle kard", "animals"),
    ("satle ashghal sare kooche por shode kasi jam nemikone", "waste"),
    ("looleye ab tarakide ab mire too khiaboon", "utilities"),
    ("chale bozorg vasate khiaboon, lastikam tarakid", "road"),
    ("otoboos khat 14 nim saat dir umad", "transit"),
    ("mamoore shahrdari azam pool khast", "staff_conduct"),
    ("derakht oftade vasat kooche", "green_space"),
]


@pytest.mark.parametrize(("text", "code"), CLEAR)
def test_clear_finglish_reports_are_classified(use_model_dir: Path, text: str, code: str) -> None:
    assert classifier.suggest(text)[0][0] == code


def test_heldout_finglish_top1_is_at_least_085(trained: TrainResult) -> None:
    # Written by hand in other words and spellings than the romanised training split.
    heldout = read_jsonl(FINGLISH_HELDOUT)
    assert len(heldout) >= 17 * 10
    metrics = evaluate(trained.version.load(), heldout)
    assert metrics.accuracy >= 0.85, metrics.summary()


def test_persian_heldout_stays_above_its_floor(trained: TrainResult) -> None:
    # 0.929 before Finglish, 0.922 with it (docs/decisions/0040-finglish.md).
    assert trained.metrics.accuracy >= 0.91
    assert trained.metrics.top3_accuracy >= 0.98


def test_classify_command_answers_finglish(model_dir: Path) -> None:
    text = "cheraghaye kooche 1 hafte khamooshe"
    done = cli.run(["classify"], model_dir, stdin=(cli.line(text) + "\n").encode())
    assert done.returncode == 0, done.stderr
    (answer,) = [json.loads(row) for row in done.stdout.decode().splitlines()]
    assert set(answer) == {"category", "confidence", "top"}
    assert answer["category"] == "lighting"
