"""Write the Finglish training split from the Persian-script one.

Every Persian training report is spelt once in Latin letters by `translit.romanise`, with a
fixed seed and one of three vowel styles (none: `chrgh kch khmsh`; some; most), into
`train/finglish-<code>.jsonl`. The held-out Finglish set (`heldout_finglish/`) is NOT made
here: it was written by hand, in other words and spellings.

    PYTHONPATH=src python scripts/generate_finglish_corpus.py
"""

from __future__ import annotations

import json
import random

from shahrvand.triage.corpus import CORPUS_DIR, read_jsonl
from shahrvand.triage.translit import romanise

VOWEL_STYLES = (0.0, 0.5, 0.9)


def main() -> None:
    rng = random.Random(20)  # noqa: S311  # nosec B311: a corpus, not a secret
    for path in sorted((CORPUS_DIR / "train").glob("*.jsonl")):
        if path.name.startswith("finglish-"):
            continue
        examples = read_jsonl(path)
        lines = []
        for text, label in zip(examples.texts, examples.labels, strict=True):
            latin = romanise(text, rng, vowels=rng.choice(VOWEL_STYLES))
            lines.append(json.dumps({"text": latin, "label": label}, ensure_ascii=False))
        target = path.with_name(f"finglish-{path.name}")
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
