"""One way to page a work list: Django's Paginator, a page size per list, and the current
filters kept in every page link (so following "next" never drops a filter)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest


def page_of(
    request: HttpRequest, items: QuerySet[Any] | Sequence[Any], *, size: int, param: str = "page"
) -> Page[Any]:
    """The page of `items` named by ?`param`= (the first for junk, the last past the end)."""
    return Paginator(items, size).get_page(request.GET.get(param))


def query_without(request: HttpRequest, *names: str) -> str:
    """The request's query string without `names`, to which a page link appends its own."""
    params = request.GET.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()
