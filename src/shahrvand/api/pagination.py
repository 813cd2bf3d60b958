"""Paginating serialized rows without serializing every row first, within bounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from django.db.models import Model, QuerySet
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

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


MAX_PAGE = 1_000_000
MAX_PAGE_SIZE = 100


class BoundedPageNumberPagination(PageNumberPagination):
    """ninja's page-number pagination with bounds on both inputs.

    ninja checks only `page >= 1`: `?page=99999999999999999999` became an OFFSET the
    database cannot hold (a 500). Here a page beyond MAX_PAGE, a page size above
    MAX_PAGE_SIZE, zero, negative or non-numeric values are a 400 with the usual error body
    (common.api_errors, "invalid_input" naming the field). A million pages of 100 is far beyond
    any list a caller may see; past the last page the list is simply empty."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1, le=MAX_PAGE_SIZE)
