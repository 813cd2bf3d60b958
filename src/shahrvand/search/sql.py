"""The full-text index on reports_report.search_text, for each database (see words.py).

Both index two copies of the text: `joined` (ZWNJ removed) and `split` (ZWNJ separates).
- PostgreSQL: an immutable SQL function `search_report_document(text)` returning the
  tsvector ('simple' configuration; the joined copy with weight A, the split copy with
  weight B), after replacing every separator of words.SEPARATOR_RANGES with a space; a
  stored generated column reports_report.search_document of it (not a model field: the
  database keeps it, whoever writes search_text), and a GIN index on that column.
- SQLite: a contentless FTS5 table `search_reportfts(joined, split)` with rowid = report
  id (models.ReportFts), kept in step by triggers on reports_report. unicode61 is told
  the same separators.
  Triggers belong to their table: a later migration that rebuilds reports_report (SQLite
  ALTERs copy the table) drops them, so `repair_sqlite` runs after every migrate.

Changing anything here needs a new migration that drops and re-creates the index (and,
on SQLite, calls `rebuild_sqlite`): rows indexed the old way would not match the new.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

from .words import SEPARATOR_RANGES

FTS_TABLE = "search_reportfts"
PG_FUNCTION = "search_report_document"
PG_COLUMN = "search_document"
PG_INDEX = "search_report_document_idx"


def _regex_char(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


_SEPARATOR_CLASS = "".join(
    _regex_char(a) if a == b else f"{_regex_char(a)}-{_regex_char(b)}" for a, b in SEPARATOR_RANGES
)
_CLEAN = "regexp_replace({text}, '[" + _SEPARATOR_CLASS + "]+', ' ', 'g')"

PG_CREATE_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {PG_FUNCTION}(search_text text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT setweight(to_tsvector('pg_catalog.simple'::regconfig,
                             {_CLEAN.format(text="replace(search_text, chr(8204), '')")}), 'A')
    || setweight(to_tsvector('pg_catalog.simple'::regconfig,
                             {_CLEAN.format(text="search_text")}), 'B')
$$
"""
PG_DROP_FUNCTION = f"DROP FUNCTION IF EXISTS {PG_FUNCTION}(text)"
# Stored, so that ranking and rechecks read it instead of re-parsing the text (~90 µs a
# report). Adding it rewrites reports_report once; Django never selects or writes it.
PG_ADD_COLUMN = (
    f"ALTER TABLE reports_report ADD COLUMN IF NOT EXISTS {PG_COLUMN} tsvector "
    f"GENERATED ALWAYS AS ({PG_FUNCTION}(search_text)) STORED"
)
PG_DROP_COLUMN = f"ALTER TABLE reports_report DROP COLUMN IF EXISTS {PG_COLUMN}"
# CONCURRENTLY: building the index on a large table must not block report intake.
PG_CREATE_INDEX = (
    f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {PG_INDEX} ON reports_report USING gin ({PG_COLUMN})"
)
PG_DROP_INDEX = f"DROP INDEX CONCURRENTLY IF EXISTS {PG_INDEX}"

# Non-ASCII separators only: unicode61 already splits on ASCII punctuation, and it keeps
# only the characters its own tables classify differently (about 2,000, mostly emoji).
_FTS_SEPARATORS = "".join(chr(cp) for a, b in SEPARATOR_RANGES for cp in range(max(a, 0x80), b + 1))
_TOKENIZER = f"unicode61 remove_diacritics 0 categories 'L* Nd' separators '{_FTS_SEPARATORS}'"
SQLITE_CREATE_TABLE = (
    "CREATE VIRTUAL TABLE search_reportfts USING fts5(joined, split, content='', "
    f'tokenize="{_TOKENIZER}")'
)
SQLITE_DROP_TABLE = "DROP TABLE IF EXISTS search_reportfts"
# The `rank` column: BM25 with the joined copy weighing more than the split one (as the
# weights A and B do in PostgreSQL).
SQLITE_RANK = (
    "INSERT INTO search_reportfts(search_reportfts, rank) VALUES ('rank', 'bm25(1.0, 0.4)')"
)


# A contentless table forgets a row only when given the values it indexed.
_DELETE_OLD = """
    INSERT INTO search_reportfts(search_reportfts, rowid, joined, split)
    VALUES ('delete', old.id, replace(old.search_text, char(8204), ''), old.search_text);"""
_INSERT_NEW = """
    INSERT INTO search_reportfts(rowid, joined, split)
    VALUES (new.id, replace(new.search_text, char(8204), ''), new.search_text);"""
SQLITE_TRIGGERS = {
    "search_report_ai": "AFTER INSERT ON reports_report BEGIN" + _INSERT_NEW + " END",
    "search_report_ad": "AFTER DELETE ON reports_report BEGIN" + _DELETE_OLD + " END",
    "search_report_au": (
        "AFTER UPDATE OF search_text ON reports_report "
        "WHEN old.search_text IS NOT new.search_text BEGIN" + _DELETE_OLD + _INSERT_NEW + " END"
    ),
}
SQLITE_REBUILD = [
    "INSERT INTO search_reportfts(search_reportfts) VALUES ('delete-all')",
    """INSERT INTO search_reportfts(rowid, joined, split)
       SELECT id, replace(search_text, char(8204), ''), search_text FROM reports_report""",
]


def _run(connection: BaseDatabaseWrapper, *statements: str) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def create_postgresql(connection: BaseDatabaseWrapper, *, index: bool) -> None:
    if index:
        _run(connection, PG_CREATE_INDEX)
    else:
        _run(connection, PG_CREATE_FUNCTION, PG_ADD_COLUMN)


def drop_postgresql(connection: BaseDatabaseWrapper, *, index: bool) -> None:
    if index:
        _run(connection, PG_DROP_INDEX)
    else:
        _run(connection, PG_DROP_COLUMN, PG_DROP_FUNCTION)


def create_sqlite(connection: BaseDatabaseWrapper) -> None:
    triggers = [f"CREATE TRIGGER {name} {body}" for name, body in SQLITE_TRIGGERS.items()]
    _run(connection, SQLITE_CREATE_TABLE, SQLITE_RANK, *triggers, *SQLITE_REBUILD)


def drop_sqlite(connection: BaseDatabaseWrapper) -> None:
    triggers = [f"DROP TRIGGER IF EXISTS {name}" for name in SQLITE_TRIGGERS]
    _run(connection, *triggers, SQLITE_DROP_TABLE)


def rebuild_sqlite(connection: BaseDatabaseWrapper) -> None:
    """Re-index every report (after the triggers were missing, or the rules changed)."""
    _run(connection, *SQLITE_REBUILD)


def repair_sqlite(connection: BaseDatabaseWrapper) -> bool:
    """Re-create missing triggers and re-index; True if anything was missing.

    A no-op where the index does not exist (not SQLite, or the migration not applied).
    """
    if connection.vendor != "sqlite":
        return False
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT type, name FROM sqlite_master WHERE name = %s OR type = 'trigger'",
            [FTS_TABLE],
        )
        rows = cursor.fetchall()
        if ("table", FTS_TABLE) not in rows:
            return False
        present = {name for kind, name in rows if kind == "trigger"}
        missing = [name for name in SQLITE_TRIGGERS if name not in present]
        if not missing:
            return False
        for name in missing:
            cursor.execute(f"CREATE TRIGGER {name} {SQLITE_TRIGGERS[name]}")
    rebuild_sqlite(connection)
    return True


def repair_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver (see apps.py)."""
    from django.db import connections

    repair_sqlite(connections[using])
