"""The labelled report texts the classifier learns from and is judged on.

Layout of a corpus directory: `train/<code>.jsonl` and `heldout/<code>.jsonl`, one JSON object
per line with `text` and `label` (a standard code). The held-out split was written by a
different person from the training split and is never trained on: it is what "not worse"
means when a new model version is considered for promotion.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from shahrvand.categories.taxonomy import standard_codes

CORPUS_DIR = Path(__file__).with_name("corpus")
# Latin-script Persian written by hand, never trained on, judged on its own (`heldout/`
# stays Persian script so its figures compare with earlier models). Rows may carry a
# `style` (sms, long, mixed, novowel) for per-style figures.
FINGLISH_HELDOUT = CORPUS_DIR / "heldout_finglish" / "finglish.jsonl"


class CorpusError(ValueError):
    """A corpus file is missing, or a line is not a labelled report."""


@dataclass(frozen=True)
class Examples:
    texts: list[str]
    labels: list[str]
    files: tuple[Path, ...]

    def __len__(self) -> int:
        return len(self.texts)

    def sha256(self) -> str:
        """Hash of the file names and bytes, so metadata can say exactly what was used."""
        return files_sha256(self.files)

    def __add__(self, other: Examples) -> Examples:
        return Examples(
            self.texts + other.texts, self.labels + other.labels, self.files + other.files
        )


def read_jsonl(path: Path) -> Examples:
    """Read one JSON Lines file of `{"text": ..., "label": ...}`; blank lines are skipped."""
    codes = set(standard_codes())
    texts: list[str] = []
    labels: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise CorpusError(f"{path}: cannot read: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path}:{number}: not JSON: {exc}") from exc
        if not isinstance(row, dict):
            raise CorpusError(f"{path}:{number}: not a JSON object")
        text, label = row.get("text"), row.get("label")
        if not isinstance(text, str) or not text.strip():
            raise CorpusError(f"{path}:{number}: no text")
        if label not in codes:
            raise CorpusError(f"{path}:{number}: label {label!r} is not a standard code")
        texts.append(text)
        labels.append(label)
    return Examples(texts, labels, (path,))


def read_split(split: str, corpus_dir: Path | None = None) -> Examples:
    """Read every `<code>.jsonl` of `corpus_dir/split` (train or heldout), in name order."""
    directory = (corpus_dir or CORPUS_DIR) / split
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise CorpusError(f"{directory}: no .jsonl files")
    return concat(read_jsonl(path) for path in files)


def heldout_dir(corpus_dir: Path | None) -> Path:
    """The corpus whose held-out split judges models: `corpus_dir` if it has one, else ours."""
    if corpus_dir is not None and any((corpus_dir / "heldout").glob("*.jsonl")):
        return corpus_dir
    return CORPUS_DIR


def concat(parts: Iterable[Examples]) -> Examples:
    texts: list[str] = []
    labels: list[str] = []
    files: list[Path] = []
    for part in parts:
        texts += part.texts
        labels += part.labels
        files += part.files
    return Examples(texts, labels, tuple(files))


def files_sha256(files: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()
