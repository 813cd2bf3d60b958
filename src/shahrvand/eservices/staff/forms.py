"""Forms of the staff pages. A step's own fields come from its JSON Schema."""

from __future__ import annotations

from typing import Any

from django import forms

from shahrvand.eservices.definitions.labels import enum_labels

DECISION_LABELS = {"approve": "تأیید", "reject": "رد", "return": "بازگشت به متقاضی برای اصلاح"}
STEP_PREFIX = "step"


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="تصمیم", widget=forms.RadioSelect)
    reason = forms.CharField(
        label="دلیل (برای رد یا بازگشت الزامی است)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, decisions: list[str], schema: dict[str, Any] | None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ChoiceField)
        decision.choices = [(d, DECISION_LABELS[d]) for d in decisions]
        self.step_keys: list[str] = []
        for key, prop in ((schema or {}).get("properties") or {}).items():
            self.fields[f"{STEP_PREFIX}_{key}"] = _field(prop)
            self.step_keys.append(key)

    def step_fields(self) -> list[forms.BoundField]:
        return [self[f"{STEP_PREFIX}_{key}"] for key in self.step_keys]

    def step_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for key in self.step_keys:
            value = self.cleaned_data.get(f"{STEP_PREFIX}_{key}")
            if value not in (None, ""):
                data[key] = value
        return data


def _field(prop: dict[str, Any]) -> forms.Field:
    label = str(prop.get("title") or "")
    if "enum" in prop:
        pairs = zip(prop["enum"], enum_labels(prop), strict=True)
        choices = [("", "—")] + [(str(v), label) for v, label in pairs]
        return forms.ChoiceField(label=label, required=False, choices=choices)
    if prop.get("type") == "integer":
        return forms.IntegerField(label=label, required=False)
    if prop.get("type") == "number":
        return forms.FloatField(label=label, required=False)
    return forms.CharField(label=label, required=False, max_length=int(prop.get("maxLength", 500)))


class SuspendForm(forms.Form):
    reason = forms.CharField(label="دلیل توقف", max_length=2000)


class ExtendForm(forms.Form):
    hours = forms.FloatField(label="ساعت کاری بیشتر", min_value=1, max_value=400)
    reason = forms.CharField(label="دلیل تمدید", max_length=2000)
