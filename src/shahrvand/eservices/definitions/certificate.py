"""What a process's certificate states: the definition's `certificate` section.

    "certificate": {"fields": [
      {"label_fa": "نشانی ملک", "answer": "plot_address", "public": true},
      {"label_fa": "عقب‌نشینی", "step": "planning-review", "answer": "setback_m",
       "unit_fa": "متر", "public": true},
      {"label_fa": "اعتبار تا", "computed": "valid_until", "months": 24, "public": true},
      {"label_fa": "شرایط", "step": "issuance", "answer": "conditions",
       "default_fa": "…", "public": true},
      {"label_fa": "کد ملی مالک", "answer": "national_id", "public": false}]}

Each field has a Persian label and exactly one source: `answer` (a property of the
application form, or of a step's decision form with `step`), `computed` (`valid_until`:
the issue date plus `months`, in the Jalali calendar; `fee_paid`: the fee the applicant
paid) or `text_fa` (fixed wording). `unit_fa` follows the value; `default_fa` stands in
for an empty answer. `public` is required: true puts the field on the public check page
/verify/<code>, false keeps it on the holder's PDF only. A property with a personal
identifier format (national ID, mobile) may not be public.

Older definitions are still read: `fields` as a list of application-form property names,
or `x-certificate: true` on a property (both public, labelled with the property's title).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

COMPUTED = ("valid_until", "fee_paid")


@dataclass(frozen=True)
class CertificateField:
    label: str
    public: bool
    answer: str = ""
    step: str = ""
    computed: str = ""
    months: int = 0
    text: str = ""
    unit: str = ""
    default: str = ""


def certificate_fields(spec: dict[str, Any]) -> list[CertificateField]:
    """The certificate fields a (validated) definition declares, in order."""
    properties: dict[str, Any] = (spec.get("form") or {}).get("properties") or {}
    section = spec.get("certificate")
    listed = section.get("fields") if isinstance(section, dict) else None
    if not isinstance(listed, list):
        return [
            CertificateField(label=str(p.get("title") or n), public=True, answer=n)
            for n, p in properties.items()
            if isinstance(p, dict) and p.get("x-certificate")
        ]
    fields = []
    for item in listed:
        if isinstance(item, str):
            prop = properties.get(item)
            title = prop.get("title") if isinstance(prop, dict) else None
            fields.append(CertificateField(label=str(title or item), public=True, answer=item))
        elif isinstance(item, dict):
            fields.append(
                CertificateField(
                    label=str(item.get("label_fa") or ""),
                    public=item.get("public") is True,
                    answer=str(item.get("answer") or ""),
                    step=str(item.get("step") or ""),
                    computed=str(item.get("computed") or ""),
                    months=item["months"] if isinstance(item.get("months"), int) else 0,
                    text=str(item.get("text_fa") or ""),
                    unit=str(item.get("unit_fa") or ""),
                    default=str(item.get("default_fa") or ""),
                )
            )
    return fields


__all__ = ["COMPUTED", "CertificateField", "certificate_fields"]
