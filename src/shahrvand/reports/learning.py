"""Learning from dispatchers' corrections.

Every category change by staff is kept in the report's history (a `category` event with
`from_standard`/`to_standard`); together with the report's description it is a labelled
example. Retraining adds them to the shipped corpus: one global model from every
correction, and a model of its own for each municipality with at least
SHAHRVAND_CLASSIFIER_MIN_LOCAL_EXAMPLES corrections. A new version replaces the current one
only if it is no worse on the held-out split (classifier.promote_if_not_worse).
"""

from __future__ import annotations

import json
import tempfile
from collections import defaultdict
from pathlib import Path

from django.conf import settings

from shahrvand.triage import classifier, store

from .models import ReportEvent


def corrections() -> dict[int, list[dict[str, str]]]:
    """Labelled examples from staff corrections, by municipality id (latest label wins)."""
    latest: dict[int, tuple[int, str, str]] = {}
    events = (
        ReportEvent.objects.filter(kind=ReportEvent.Kind.CATEGORY, actor__isnull=False)
        .select_related("report")
        .order_by("created_at", "id")
    )
    for event in events.iterator():
        label = (event.data or {}).get("to_standard")
        if label and event.report.description.strip():
            report = event.report
            latest[report.pk] = (report.municipality_id, report.description, label)
    grouped: dict[int, list[dict[str, str]]] = defaultdict(list)
    for municipality_id, text, label in latest.values():
        grouped[municipality_id].append({"text": text, "label": label})
    return dict(grouped)


def municipality_dir(municipality_id: int) -> Path:
    return store.model_dir() / f"municipality-{municipality_id}"  # as suggest.classifier_for


def retrain() -> dict[str, object]:
    """Retrain the global model and the municipalities' own; returns what happened."""
    by_city = corrections()
    outcome: dict[str, object] = {"corrections": sum(len(v) for v in by_city.values())}
    with tempfile.TemporaryDirectory() as tmp:
        everything = Path(tmp) / "all.jsonl"
        _write(everything, [row for rows in by_city.values() for row in rows])
        result = classifier.train_version(extra=[everything])
        outcome["global"] = {"version": result.version.version, "promoted": result.promoted}
        for municipality_id, rows in by_city.items():
            if len(rows) < settings.SHAHRVAND_CLASSIFIER_MIN_LOCAL_EXAMPLES:
                continue
            local = Path(tmp) / f"m{municipality_id}.jsonl"
            _write(local, rows)
            directory = municipality_dir(municipality_id)
            directory.mkdir(parents=True, exist_ok=True)
            result = classifier.train_version(extra=[local], directory=directory)
            outcome[f"municipality-{municipality_id}"] = {
                "version": result.version.version,
                "promoted": result.promoted,
            }
    return outcome


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    path.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
