"""Paginating serialized rows without serializing every row first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet

M = TypeVar("M", bound=Model)


class SerializedRows(Generic[M]):
    """A queryset whose slices come back serialized. Handed to ninja's paginator, only the
    requested page is read and serialized (and the total is a COUNT), not every row."""

    def __init__(self, queryset: QuerySet[M], serialize: Callable[[M], Any]) -> None:
        self.queryset = queryset
        self.serialize = serialize

    def __getitem__(self, index: slice) -> list[Any]:
        return [self.serialize(row) for row in self.queryset[index]]

    def __len__(self) -> int:
        return self.queryset.count()
