"""A model field that stores its text encrypted (shahrvand.security.pii) and gives it back
in clear. Equality look-ups on it cannot work (each encryption differs): query the
accompanying blind-index field instead."""

from __future__ import annotations

from typing import Any

from django.db import models

from . import pii


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    description = "Text encrypted at rest"

    def from_db_value(self, value: str | None, expression: Any, connection: Any) -> str | None:
        return None if value is None else pii.decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return pii.encrypt(str(value))
