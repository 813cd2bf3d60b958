"""What the staff pages show: Persian names of audit actions, form values with their titles."""

from __future__ import annotations

from typing import Any

from shahrvand.eservices.definitions.labels import enum_label
from shahrvand.eservices.models import CaseAudit

ACTIONS = {
    "case_submitted": "ثبت درخواست",
    "case_status": "تغییر وضعیت پرونده",
    "case_corrected": "اصلاح اطلاعات توسط متقاضی",
    "case_fee": "محاسبهٔ عوارض",
    "case_paid": "پرداخت",
    "case_approved": "تأیید نهایی پرونده",
    "case_rejected": "رد پرونده",
    "certificate_issued": "صدور گواهی",
    "document_added": "افزودن مدرک",
    "step_created": "ایجاد مرحله",
    "step_activated": "آغاز مرحله",
    "step_decided": "تصمیم",
    "step_skipped": "لغو مرحله",
    "step_suspended": "توقف مرحله",
    "step_resumed": "ادامهٔ مرحله",
    "step_extended": "تمدید مهلت",
}
DECISIONS = {"approve": "تأیید", "reject": "رد", "return": "بازگشت به متقاضی"}


def action_label(row: CaseAudit) -> str:
    label = ACTIONS.get(row.action, row.action)
    if row.action == "step_decided":
        label = f"{label}: {DECISIONS.get(str(row.after.get('decision')), '')}"
    return label


def form_rows(schema: dict[str, Any], data: dict[str, Any]) -> list[tuple[str, Any]]:
    """(title, value) of each filled form field, in the schema's order."""
    props = schema.get("properties") or {}
    rows = [
        (str(p.get("title") or k), enum_label(p, data[k]) if "enum" in p else data[k])
        for k, p in props.items()
        if k in data
    ]
    rows += [(k, v) for k, v in data.items() if k not in props]
    return rows
