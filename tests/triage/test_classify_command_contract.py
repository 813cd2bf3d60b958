"""`shahrvand classify`: JSON Lines in, one JSON object per line out, never a crash."""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
from pathlib import Path

from shahrvand.categories.taxonomy import standard_codes

from . import cli

POTHOLE = "چاله بزرگ وسط خیابون جلوی پلاک ۱۷، دیشب لاستیک ماشینم ترکید"
DOG = "سگ های ولگرد شب ها تو کوچه به بچه ها حمله میکنن"


def assert_answer(answer: dict[str, object]) -> None:
    assert set(answer) == {"category", "confidence", "top"}
    top = answer["top"]
    assert isinstance(top, list) and len(top) == 3
    codes = [code for code, _ in top]
    probabilities = [p for _, p in top]
    assert set(codes) <= set(standard_codes()) and len(set(codes)) == 3
    assert probabilities == sorted(probabilities, reverse=True)
    assert all(0 <= p <= 1 and round(p, 4) == p for p in probabilities)
    assert sum(probabilities) <= 1.0001
    assert answer["category"] == codes[0] and answer["confidence"] == probabilities[0]


def test_valid_and_bad_lines_each_get_one_answer_in_order(model_dir: Path) -> None:
    lines: list[str | bytes] = [
        cli.line(POTHOLE, id=7, channel="app"),
        "not json",
        json.dumps({"description": POTHOLE}),
        cli.line(42),
        cli.line(None),
        cli.line("   \u200c "),
        "[1, 2]",
        "",
        b'{"text": "\xff\xfe"}',
        cli.line(DOG),
    ]
    answers = cli.classify(lines, model_dir)
    assert len(answers) == len(lines)
    assert answers[0]["category"] == "road"
    assert answers[-1]["category"] == "animals"
    for answer in (answers[0], answers[-1]):
        assert_answer(answer)
    errors = answers[1:-1]
    assert all(set(a) == {"error"} and a["error"] for a in errors)
    assert [a["error"] for a in errors] == [
        "line is not JSON",
        'no "text" field',
        '"text" is not a string',
        '"text" is not a string',
        '"text" is empty',
        "line is not a JSON object",
        "line is not JSON",
        "line is not valid UTF-8",
    ]


def test_digits_arabic_letters_and_zwnj_do_not_change_the_answer(model_dir: Path) -> None:
    variants = [
        "لامپ تیر برق کوچه ۱۲ خاموشه و شب‌ها کوچه تاریک می‌شه",
        "لامپ تیر برق کوچه 12 خاموشه و شب‌ها کوچه تاریک می‌شه",
        "لامپ تير برق كوچه ١٢ خاموشه و شب‌ها كوچه تاريك مي‌شه",
        "لامپ تیر برق کوچه ۱۲ خاموشه و شب ها کوچه تاریک میشه",
        "لامپ تیر برق کوچه ۱۲ خاموشه و شبها کوچه تاریک می شه",
    ]
    answers = cli.classify([cli.line(v) for v in variants], model_dir)
    assert answers[0]["category"] == "lighting"
    assert all(answer == answers[0] for answer in answers)


def test_large_input_is_answered_line_for_line(model_dir: Path) -> None:
    lines: list[str | bytes] = [cli.line(POTHOLE if i % 2 else DOG) for i in range(1300)]
    answers = cli.classify(lines, model_dir)
    assert [a["category"] for a in answers] == ["animals", "road"] * 650


def test_a_waiting_client_gets_each_answer_without_closing_stdin(model_dir: Path) -> None:
    with subprocess.Popen(  # noqa: S603 - our own command
        [*cli.command(), "classify"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=cli.environment(model_dir),
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        for text, code in [(POTHOLE, "road"), (DOG, "animals")]:
            process.stdin.write(cli.line(text).encode() + b"\n")
            process.stdin.flush()
            ready, _, _ = select.select([process.stdout], [], [], 60)
            assert ready, "no answer while stdin is still open"
            assert json.loads(process.stdout.readline())["category"] == code
        process.stdin.close()
        assert process.wait(timeout=60) == 0


def test_unreadable_stdin_is_the_only_failure(model_dir: Path, tmp_path: Path) -> None:
    fd = os.open(tmp_path / "sink", os.O_WRONLY | os.O_CREAT)  # reading it fails: EBADF
    try:
        done = cli.run(["classify"], model_dir, fd)
    finally:
        os.close(fd)
    assert done.returncode == 1
    assert b"cannot read stdin" in done.stderr
    assert cli.run(["classify"], model_dir, b"").returncode == 0


def test_the_classifier_never_imports_django(model_dir: Path) -> None:
    code = (
        "import sys, shahrvand.cli, shahrvand.triage.classifier as c\n"
        "c.suggest('چاله وسط خیابان')\n"
        "assert not [m for m in sys.modules if m.split('.')[0] == 'django'], 'django imported'\n"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter
        [sys.executable, "-c", code],
        env=cli.environment(model_dir),
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode()
