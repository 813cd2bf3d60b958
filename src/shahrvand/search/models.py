"""The SQLite full-text table, described to Django so that queries can join it.

Not managed: the table is an FTS5 virtual table that migration 0001 creates on SQLite
only, with the triggers that fill it (sql.py). Nothing ever saves or deletes through this
model. On PostgreSQL the table does not exist and this model is never queried.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models.sql.compiler import SQLCompiler

from shahrvand.reports.models import Report


class FtsDocument(models.TextField[str, str]):
    """FTS5's hidden column named like the table: the left side of a MATCH."""


@FtsDocument.register_lookup
class Match(models.Lookup[str]):
    lookup_name = "match"

    def as_sql(self, compiler: SQLCompiler, connection: BaseDatabaseWrapper) -> tuple[str, Any]:
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} MATCH {rhs}", (*lhs_params, *rhs_params)


class ReportFts(models.Model):
    report = models.OneToOneField(
        Report,
        primary_key=True,
        db_column="rowid",
        db_constraint=False,
        on_delete=models.DO_NOTHING,
        related_name="search_fts",
    )
    document = FtsDocument(db_column="search_reportfts")
    # BM25 (configured in sql.SQLITE_RANK): lower is a better match.
    rank = models.FloatField()

    class Meta:
        managed = False
        db_table = "search_reportfts"

    def __str__(self) -> str:
        return str(self.pk)
