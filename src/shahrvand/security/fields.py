"""A model field that stores its text encrypted (shahrvand.security.pii) and gives it back
in clear. Equality look-ups on it cannot work (each encryption differs): query the
accompanying blind-index field instead."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import pii
from .pii import blind_index


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else pii.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return pii.encrypt(str(value))


class BlindIndexField(models.CharField):  # type: ignore[type-arg]
    """The blind index (keyed digest, security.pii) of another field of the same row, for
    equality look-ups on an encrypted value. Written from the source field whenever the row
    is saved or bulk-inserted (pre_save); `save(update_fields=...)` naming the source and a
    queryset `.update()` of the source must name or set the index too."""

    description = "Keyed digest of another field"

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        self.source = source
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value = blind_index(str(getattr(model_instance, self.source) or ""))
        setattr(model_instance, self.attname, value)
        return value
