"""The `shahrvand` command. Its classifier subcommands need no Django settings.

Stable contract (other tools rely on it):

    shahrvand classify [--model PATH] [--batch-size N]
        stdin: JSON Lines, each an object with a "text" string (other fields ignored);
        stdout: one JSON object per input line, in order:
            {"category": CODE, "confidence": P, "top": [[CODE, P], [CODE, P], [CODE, P]]}
        or {"error": "..."} for a line that is not JSON, not an object, has no "text" string,
        or whose text is empty. Probabilities are rounded to 4 places. Lines are classified
        in batches of up to 512, and each batch is flushed; a batch ends early when no more
        input is waiting, so a client may write a line and wait for its answer. Exit code 0
        unless stdin cannot be read or stdout is closed (1), or the model cannot load (2).
        With no model yet, one is trained from the packaged corpus first (a few seconds).
    shahrvand train [--corpus DIR] [--extra JSONL ...] [--force] [--json]
        trains and saves a new model version; it becomes current only if it is not worse
        on the held-out split (or with --force).
    shahrvand evaluate [--model PATH] [--corpus DIR] [--json]
        accuracy, top-3 accuracy, macro-F1 and the confusion matrix on the held-out split.

Models live in $SHAHRVAND_MODEL_DIR (default var/models under the repository root); see
shahrvand/triage/store.py.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import select
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, BinaryIO

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2
BATCH_SIZE = 512
STDIN_FD = 0


class UnreadableInputError(OSError):
    pass


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    logging.basicConfig(stream=sys.stderr, level=logging.INFO, format="shahrvand: %(message)s")
    handler: Any = args.handler
    try:
        return int(handler(args))
    except BrokenPipeError:  # the reader went away (e.g. `| head`): stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_INPUT


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="shahrvand", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    classify = commands.add_parser("classify", help="classify JSON Lines from stdin")
    classify.add_argument("--model", type=Path, help="a .joblib model (default: current)")
    classify.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=argparse.SUPPRESS)
    classify.set_defaults(handler=_classify)

    train = commands.add_parser("train", help="train and save a new model version")
    train.add_argument("--corpus", type=Path, help="directory with train/ (and heldout/)")
    train.add_argument(
        "--extra", type=Path, action="append", default=[], metavar="JSONL",
        help="more labelled reports ({\"text\", \"label\"} per line); repeatable",
    )  # fmt: skip
    train.add_argument("--force", action="store_true", help="make it current even if worse")
    train.add_argument("--json", action="store_true", help="machine-readable output")
    train.set_defaults(handler=_train)

    evaluate = commands.add_parser("evaluate", help="score a model on the held-out split")
    evaluate.add_argument("--model", type=Path, help="a .joblib model (default: current)")
    evaluate.add_argument("--corpus", type=Path, help="directory with heldout/ (default: ours)")
    evaluate.add_argument("--json", action="store_true", help="machine-readable output")
    evaluate.set_defaults(handler=_evaluate)
    return parser


# classify ------------------------------------------------------------------------------


def _classify(args: argparse.Namespace) -> int:
    from shahrvand.triage.inference import predict_top

    model = _model(args.model)
    if model is None:
        return EXIT_USAGE
    out = sys.stdout.buffer
    try:
        for lines in _chunks(STDIN_FD, max(1, args.batch_size)):
            answers: list[dict[str, Any]] = []
            texts: list[str] = []
            for line in lines:
                text, error = _parse(line)
                answers.append({"error": error} if error else {})
                if text is not None:
                    texts.append(text)
            tops = iter(predict_top(model, texts))
            for answer in answers:
                if not answer:
                    top = [[code, round(p, 4)] for code, p in next(tops)]
                    answer.update(category=top[0][0], confidence=top[0][1], top=top)
                _write(out, answer)
            out.flush()
    except UnreadableInputError as exc:
        print(f"shahrvand classify: cannot read stdin: {exc}", file=sys.stderr)
        return EXIT_INPUT
    return EXIT_OK


def _parse(line: bytes) -> tuple[str | None, str | None]:
    """(text, None) for a line to classify, else (None, why not)."""
    from shahrvand.triage.classifier import has_words

    try:
        row = json.loads(line.decode("utf-8").lstrip("\ufeff"))
    except UnicodeDecodeError:
        return None, "line is not valid UTF-8"
    except (ValueError, RecursionError):
        return None, "line is not JSON"
    if not isinstance(row, dict):
        return None, "line is not a JSON object"
    if "text" not in row:
        return None, 'no "text" field'
    text = row["text"]
    if not isinstance(text, str):
        return None, '"text" is not a string'
    if not has_words(text):
        return None, '"text" is empty'
    return text, None


def _chunks(fd: int, size: int) -> Iterator[list[bytes]]:
    """The lines of `fd` in chunks of at most `size`.

    A chunk ends early when no more input is waiting, so a client that writes one line and
    waits for its answer gets it at once, while a file or a busy pipe is classified in bulk.
    """
    pending = bytearray()
    lines: list[bytes] = []
    while True:
        if lines and (len(lines) >= size or not _input_waiting(fd)):
            yield lines[:size]
            lines = lines[size:]
            continue
        try:
            data = os.read(fd, 1 << 16)
        except OSError as exc:
            raise UnreadableInputError(str(exc)) from exc
        if not data:
            break
        pending += data
        if b"\n" in data:
            *complete, rest = bytes(pending).split(b"\n")
            pending = bytearray(rest)
            lines.extend(line.rstrip(b"\r") for line in complete)
    if pending:
        lines.append(bytes(pending).rstrip(b"\r"))
    while lines:
        yield lines[:size]
        lines = lines[size:]


def _input_waiting(fd: int) -> bool:
    try:
        return bool(select.select([fd], [], [], 0)[0])
    except (OSError, ValueError):  # no select() on this kind of file (Windows pipes)
        return True


def _write(out: BinaryIO, answer: dict[str, Any]) -> None:
    out.write(json.dumps(answer, ensure_ascii=False).encode("utf-8") + b"\n")


# train and evaluate ------------------------------------------------------------------------


def _train(args: argparse.Namespace) -> int:
    from shahrvand.triage.classifier import train_version
    from shahrvand.triage.corpus import CorpusError

    try:
        result = train_version(corpus_dir=args.corpus, extra=args.extra, force=args.force)
    except (CorpusError, ValueError) as exc:
        print(f"shahrvand train: {exc}", file=sys.stderr)
        return EXIT_USAGE
    version, previous = result.version, result.previous
    report = {
        "version": version.version,
        "path": str(version.path),
        "promoted": result.promoted,
        "previous_version": previous.version if previous else None,
        "train_examples": version.metadata["train_examples"],
        "training_seconds": round(result.seconds, 2),
        "heldout": result.metrics.summary(),
    }
    if args.json:
        print(json.dumps(report))
        return EXIT_OK
    summary = report["heldout"]
    print(f"trained v{version.version} on {report['train_examples']} reports in "
          f"{result.seconds:.1f} s -> {version.path}")  # fmt: skip
    print(f"held-out ({summary['n']} reports): accuracy {summary['accuracy']:.4f}  "
          f"top-3 {summary['top3_accuracy']:.4f}  macro-F1 {summary['macro_f1']:.4f}")  # fmt: skip
    was = f"v{previous.version}" if previous else "none"
    if result.promoted:
        print(f"v{version.version} is now current (was {was})")
    else:
        print(f"not promoted: worse on held-out than current {was}; --force to override")
    return EXIT_OK


def _evaluate(args: argparse.Namespace) -> int:
    from shahrvand.triage.corpus import CorpusError, heldout_dir, read_split
    from shahrvand.triage.metrics import evaluate

    model = _model(args.model)
    if model is None:
        return EXIT_USAGE
    try:
        heldout = read_split("heldout", heldout_dir(args.corpus))
    except CorpusError as exc:
        print(f"shahrvand evaluate: {exc}", file=sys.stderr)
        return EXIT_USAGE
    metrics = evaluate(model, heldout)
    if args.json:
        print(json.dumps(metrics.as_dict()))
        return EXIT_OK
    print(f"held-out reports  {metrics.n}")
    print(f"accuracy          {metrics.accuracy:.4f}")
    print(f"top-3 accuracy    {metrics.top3_accuracy:.4f}")
    print(f"macro-F1          {metrics.macro_f1:.4f}")
    print("\nconfusion matrix (rows: true code, columns: predicted code, first 5 letters)")
    width = max(len(code) for code in metrics.labels)
    print(" " * width + "".join(f"{code[:5]:>6}" for code in metrics.labels))
    for code, row in zip(metrics.labels, metrics.confusion, strict=True):
        print(f"{code:<{width}}" + "".join(f"{count:>6}" for count in row))
    return EXIT_OK


def _model(path: Path | None) -> Any:
    """The model at `path`, or the current one; None (after a message) if it cannot load."""
    from shahrvand.triage import classifier, store

    if path is None:
        return classifier.current_model()
    try:
        return store.read_version(path).load()
    except Exception as exc:
        print(f"shahrvand: cannot load model {path}: {exc}", file=sys.stderr)
        return None


if __name__ == "__main__":
    sys.exit(main())
