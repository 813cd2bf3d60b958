"""Full-text search over reports' descriptions and notes (Report.search_text).

PostgreSQL full text ('simple' configuration, GIN index) in production, SQLite FTS5 in
the embedded default; both index the same words (words.py, sql.py) and receive the same
query (query.py), so they return the same reports.
"""

from __future__ import annotations

from typing import Any

from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.expressions import Col
from django.db.models.sql.compiler import SQLCompiler

from shahrvand.reports.models import Report

from . import query as query_
from .sql import PG_COLUMN
from .words import search_terms

__all__ = ["search_reports", "search_terms"]


class _PgDocument(Func):
    """The report row's generated tsvector column (sql.PG_COLUMN; not a model field)."""

    output_field = TextField()  # a tsvector, only ever used inside SQL

    def __init__(self) -> None:
        super().__init__(F("pk"))  # resolves to the report table's alias, relabels with it

    def as_sql(
        self,
        compiler: SQLCompiler,
        connection: BaseDatabaseWrapper,
        function: str | None = None,
        template: str | None = None,
        arg_joiner: str | None = None,
        **extra_context: Any,
    ) -> tuple[str, tuple[str | int, ...]]:
        pk = self.get_source_expressions()[0]
        assert isinstance(pk, Col)
        table = compiler.quote_name_unless_alias(pk.alias)
        return f"{table}.{connection.ops.quote_name(PG_COLUMN)}", ()


class _PgQuery(Func):
    template = "to_tsquery('pg_catalog.simple'::regconfig, %(expressions)s)"
    output_field = TextField()


class _PgMatch(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _PgRank(Func):
    # Weights for D, C, B, A: a word counts fully in the joined copy (A), a little in the
    # split one (B). Normalisation 1 divides by 1 + log(length): shorter texts first, as
    # BM25 does on SQLite.
    template = "ts_rank('{0, 0, 0.4, 1}'::float4[], %(expressions)s, 1)"
    output_field = FloatField()


def search_reports(
    queryset: QuerySet[Report], text: str, *, rank: bool = False
) -> QuerySet[Report]:
    """`queryset` narrowed to the reports whose description and notes contain every word
    of `text` (the last word as a prefix; spelling variants: see query.py).

    With rank=True each report gets `search_rank` (higher is better) and the result is
    ordered by it, then newest first. A query without words (empty, only punctuation)
    returns `queryset` itself, unfiltered and unordered. Never widens `queryset`.
    """
    parsed = query_.build(text)
    if parsed is None:
        return queryset
    vendor = connections[queryset.db].vendor
    ranking: Any
    if vendor == "postgresql":
        document = _PgDocument()
        tsquery = _PgQuery(Value(query_.to_tsquery(parsed)))
        matched = queryset.filter(_PgMatch(document, tsquery))
        ranking = _PgRank(document, tsquery)
    elif vendor == "sqlite":
        # A join with the FTS5 table (models.ReportFts); bm25 is lower for a better match.
        matched = queryset.filter(search_fts__document__match=query_.to_fts5(parsed))
        ranking = -F("search_fts__rank")
    else:  # no full-text index: every word as a substring, unranked
        condition = Q()
        for term in search_terms(text):
            condition &= Q(search_text__icontains=term)
        return queryset.filter(condition)
    if not rank:
        return matched
    return matched.annotate(search_rank=ranking).order_by("-search_rank", "-created_at", "-pk")
