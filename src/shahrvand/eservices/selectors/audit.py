"""The audit trail of cases as CSV or JSON (the staff export and `export_case_audit`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet

from shahrvand.common.spreadsheet import safe_row
from shahrvand.eservices.models import Case, CaseAudit

COLUMNS = (
    "case",
    "at",
    "actor",
    "actor_role",
    "actor_unit",
    "action",
    "object_type",
    "object_id",
    "reason",
    "before",
    "after",
)


def audit_of(cases: QuerySet[Case]) -> QuerySet[CaseAudit]:
    """The audit rows of `cases` (already scoped by the caller), oldest first."""
    return (
        CaseAudit.objects.filter(case__in=cases)
        .select_related("case")
        .order_by("case__submitted_at", "case_id", "at", "id")
    )


def audit_record(row: CaseAudit) -> dict[str, Any]:
    return {
        "case": row.case.tracking_code,
        "at": row.at.astimezone(dt.UTC).isoformat(),
        "actor": row.actor_label,
        "actor_role": row.actor_role,
        "actor_unit": row.actor_unit,
        "action": row.action,
        "object_type": row.object_type,
        "object_id": row.object_id,
        "reason": row.reason,
        "before": row.before,
        "after": row.after,
    }


def audit_csv(rows: Iterable[CaseAudit]) -> str:
    """UTF-8 CSV (before/after as JSON text, text cells escaped against formula injection);
    the caller adds a BOM for spreadsheet apps."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        record = audit_record(row)
        record["before"] = json.dumps(record["before"], ensure_ascii=False, sort_keys=True)
        record["after"] = json.dumps(record["after"], ensure_ascii=False, sort_keys=True)
        writer.writerow(safe_row(record[c] for c in COLUMNS))
    return out.getvalue()


def audit_json(rows: Iterable[CaseAudit]) -> str:
    return json.dumps([audit_record(r) for r in rows], ensure_ascii=False, indent=1)
