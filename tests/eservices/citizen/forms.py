"""A small process whose form has one field of every type the generator renders."""

from __future__ import annotations

from typing import Any

ALL_TYPES: dict[str, Any] = {
    "key": "all-types",
    "name_fa": "مجوز آزمایشی",
    "name_en": "Test permit",
    "description_fa": "خدمتی برای آزمودن همهٔ انواع فیلدها.",
    "description_en": "A service exercising every field type.",
    "eligibility_fa": "ساکنان شهر",
    "eligibility_en": "Residents",
    "expected_days": 5,
    "fee_rule": "250000",
    "documents": [
        {"key": "photo", "name_fa": "عکس محل", "name_en": "Site photo", "required": True},
        {"key": "letter", "name_fa": "نامهٔ درخواست", "name_en": "Letter", "required": False},
    ],
    "form": {
        "type": "object",
        "required": ["title", "count", "kind", "start"],
        "additionalProperties": False,
        "properties": {
            "title": {
                "type": "string",
                "title": "عنوان",
                "minLength": 3,
                "maxLength": 80,
                "x-certificate": True,
            },
            "national_id": {"type": "string", "title": "کد ملی", "pattern": "^[0-9]{10}$"},
            "area": {
                "type": "number",
                "title": "مساحت (متر مربع)",
                "exclusiveMinimum": 0,
                "x-certificate": True,
            },
            "count": {"type": "integer", "title": "تعداد", "minimum": 1, "maximum": 9},
            "kind": {
                "type": "string",
                "title": "نوع",
                "enum": ["home", "shop"],
                "x-enum-labels": ["مسکونی", "تجاری"],
                "x-certificate": True,
            },
            "urgent": {"type": "boolean", "title": "فوری است"},
            "start": {
                "type": "string",
                "format": "date",
                "title": "تاریخ شروع",
                "x-certificate": True,
            },
            "notes": {"type": "string", "title": "توضیحات", "maxLength": 1000},
        },
    },
    "steps": [
        {
            "key": "review",
            "name_fa": "بررسی درخواست",
            "name_en": "Review",
            "unit": "department:planning",
            "role": "field_staff",
            "after": [],
            "deadline_hours": 8,
            "decisions": ["approve", "reject", "return"],
            "status_fa": "درخواست شما در شهرسازی بررسی می‌شود.",
            "status_en": "Under review.",
        },
        {
            "key": "payment",
            "kind": "payment",
            "name_fa": "پرداخت",
            "name_en": "Payment",
            "unit": "department:planning",
            "role": "department_manager",
            "after": ["review"],
            "deadline_hours": 40,
            "decisions": ["approve"],
            "status_fa": "لطفاً هزینه را بپردازید.",
            "status_en": "Please pay.",
        },
        {
            "key": "issue",
            "name_fa": "صدور",
            "name_en": "Issue",
            "unit": "department:planning",
            "role": "department_manager",
            "after": ["payment"],
            "deadline_hours": 8,
            "decisions": ["approve", "reject"],
            "status_fa": "مجوز صادر می‌شود.",
            "status_en": "Being issued.",
            "final": True,
        },
    ],
}
