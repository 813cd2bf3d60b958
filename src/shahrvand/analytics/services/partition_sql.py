# ruff: noqa: S608  (the SQL is built from fixed table names and enum values, never input)
"""The set-based rollup builder for PostgreSQL: the same rows as `partition._compute` +
`_write` (the Python builder, kept for SQLite), computed by INSERT … SELECT … GROUP BY.

One run of consecutive days of one municipality: the reports' facts (docs/kpis.md, the
same definitions as analytics/facts.py) go into a temporary table, then the fine rows and
the cube rows are each one grouped INSERT, histograms aggregated as arrays of bucket
indices turned into {"index": count} objects. The H3 parents (no h3 in the database) are
taken in Python from cell counts already grouped in SQL. tests/analytics/core/
test_sql_builder.py proves both builders write identical rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db import connection

from shahrvand.analytics import facts, histogram
from shahrvand.analytics.models import DailyCube, DailyRollup, HexDaily
from shahrvand.reports.models import Report, ReportEvent
from shahrvand.reports.workflow import OPEN_STATUSES, Status

from .partition import _Parents, day_bounds


def _in(values: frozenset[str]) -> str:
    """A literal SQL list of fixed enum values (never user input)."""
    return "(" + ", ".join(f"'{v}'" for v in sorted(values)) + ")"


def _bucket_sql(seconds: str) -> str:
    """histogram.bucket_of over a number of seconds, as a CASE over the band edges."""
    parts = [f"WHEN {seconds} IS NULL THEN NULL"]
    for start, end, width, first in histogram._BANDS:
        s0, s1, w = int(start * 3600), int(end * 3600), int(width * 3600)
        parts.append(
            f"WHEN {seconds} < {s1} THEN {first} + floor((greatest({seconds}, 0) - {s0}) / {w})"
        )
    parts.append(f"ELSE {histogram.OVERFLOW}")
    return "(CASE " + " ".join(parts) + " END)::int"


_RESOLVED = _in(frozenset(s.value for s in facts.RESOLVED_STATUSES))
_OPEN = _in(frozenset(s.value for s in OPEN_STATUSES))
_DIGITAL = _in(frozenset(c.value for c in facts.DIGITAL_CHANNELS))
_KINDS = _in(
    frozenset(
        k.value
        for k in (ReportEvent.Kind.STATUS, ReportEvent.Kind.FEEDBACK, ReportEvent.Kind.CATEGORY)
    )
)
_WINDOW = int(facts.REOPEN_WINDOW.total_seconds())
_R = Report._meta.db_table
_E = ReportEvent._meta.db_table

# Facts of the reports of one municipality received in [start, end), one row each.
_FACTS = f"""
CREATE TEMPORARY TABLE _an_facts ON COMMIT DROP AS
WITH ev AS (
  SELECT e.report_id, e.kind, e.from_status, e.to_status, e.created_at, e.data, e.actor_id,
    max(e.created_at) FILTER (WHERE e.kind = 'status' AND e.to_status IN {_RESOLVED})
      OVER (PARTITION BY e.report_id ORDER BY e.created_at, e.id
            ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS last_resolution
  FROM {_E} e JOIN {_R} r ON r.id = e.report_id
  WHERE r.municipality_id = %(m)s AND r.created_at >= %(start)s AND r.created_at < %(end)s
    AND e.kind IN {_KINDS}
), hist AS (
  SELECT report_id,
    bool_or(kind = 'status' AND to_status IN {_RESOLVED}) AS resolved_once,
    bool_or(kind = 'status' AND to_status = '{Status.REOPENED.value}'
            AND from_status IN {_RESOLVED} AND last_resolution IS NOT NULL
            AND extract(epoch FROM created_at - last_resolution) <= {_WINDOW}) AS reopened,
    count(*) FILTER (WHERE kind = 'feedback') AS feedback,
    count(*) FILTER (WHERE kind = 'feedback' AND jsonb_typeof(data) = 'object'
      AND coalesce(data -> 'accepted' NOT IN
          ('false'::jsonb, 'null'::jsonb, '0'::jsonb, '""'::jsonb, '[]'::jsonb, '{{}}'::jsonb),
          false)) AS accepted,
    bool_or(kind = 'category' AND actor_id IS NOT NULL) AS corrected
  FROM ev GROUP BY report_id
), base AS (
  SELECT r.*, (r.created_at AT TIME ZONE %(tz)s)::date AS day,
    CASE WHEN r.status IN {_RESOLVED} THEN coalesce(r.resolved_at, r.closed_at) END AS finished
  FROM {_R} r
  WHERE r.municipality_id = %(m)s AND r.created_at >= %(start)s AND r.created_at < %(end)s
)
SELECT b.day, b.district_id, b.assigned_department_id AS dept, b.assigned_agency_id AS agency,
  b.standard_id AS std, b.channel, b.h3_cell AS cell,
  CASE WHEN b.assigned_agency_id IS NOT NULL THEN 'agency:' || b.assigned_agency_id
       WHEN b.assigned_department_id IS NOT NULL THEN 'department:' || b.assigned_department_id
       ELSE 'unassigned' END AS unit,
  1 AS received,
  (b.status IN {_OPEN})::int AS open,
  (b.status NOT IN {_OPEN})::int AS closed,
  (b.status IN {_RESOLVED})::int AS resolved,
  (b.finished IS NOT NULL AND b.deadline IS NOT NULL)::int AS with_deadline,
  coalesce(b.finished <= b.deadline, false)::int AS within_deadline,
  (b.first_response_at IS NOT NULL)::int AS responded,
  (coalesce(h.resolved_once, false) OR b.status IN {_RESOLVED})::int AS reopen_base,
  coalesce(h.reopened, false)::int AS reopened,
  coalesce(h.feedback, 0)::int AS feedback,
  coalesce(h.accepted, 0)::int AS accepted,
  coalesce(b.satisfaction, 0)::int AS satisfaction_sum,
  (b.satisfaction IS NOT NULL)::int AS satisfaction_count,
  (b.duplicate_of_id IS NOT NULL OR b.status = '{Status.DUPLICATE.value}')::int AS duplicates,
  b.auto_categorised::int AS auto_categorised,
  coalesce(h.corrected, false)::int AS corrected,
  (b.channel IN {_DIGITAL})::int AS digital,
  {_bucket_sql("extract(epoch FROM b.finished - b.created_at)")} AS rb,
  {_bucket_sql("extract(epoch FROM b.first_response_at - b.created_at)")} AS sb
FROM base b LEFT JOIN hist h ON h.report_id = b.id
"""  # nosec B608 - only our table and column names are interpolated

_HIST = (
    "(SELECT coalesce(jsonb_object_agg(x.b::text, x.n), '{{}}'::jsonb) FROM "
    "(SELECT b, count(*) AS n FROM unnest(array_agg({col}) FILTER (WHERE {col} IS NOT NULL)) "
    "AS b GROUP BY b) x)"
)
_VALUES = (
    ", ".join(f"sum({name})" for name in facts.COUNTER_FIELDS)
    + ", "
    + _HIST.format(col="rb")
    + ", "
    + _HIST.format(col="sb")
)
_COLUMNS = ", ".join((*facts.COUNTER_FIELDS, "resolve_hist", "response_hist"))

_INSERT_FINE = f"""
INSERT INTO {DailyRollup._meta.db_table}
  (day, municipality_id, district_id, department_id, agency_id, standard_code, channel,
   {_COLUMNS})
SELECT day, %(m)s, district_id, dept, agency, std, channel, {_VALUES}
FROM _an_facts GROUP BY day, district_id, dept, agency, std, channel
"""  # nosec B608 - only our table and column names are interpolated

_INSERT_CUBE = f"""
INSERT INTO {DailyCube._meta.db_table} (day, municipality_id, dimension, key, {_COLUMNS})
SELECT day, %(m)s, d.dimension, d.key, {_VALUES}
FROM _an_facts CROSS JOIN LATERAL (VALUES
  ('none', ''), ('unit', unit), ('standard', std),
  ('district', coalesce(district_id::text, '')), ('channel', channel)) AS d(dimension, key)
GROUP BY day, d.dimension, d.key
"""  # nosec B608 - only our table and column names are interpolated

_HEX = """
SELECT day, std, cell, count(*) FROM _an_facts WHERE cell <> '' GROUP BY day, std, cell
"""


def rebuild_run(municipality_id: int, first: dt.date, last: dt.date) -> None:
    """Replace the partitions of `first`..`last` (consecutive days) of one municipality.
    The caller holds the transaction and the municipality's lock."""
    start, end = day_bounds(first, last)
    params: dict[str, int | str | dt.datetime] = {
        "m": municipality_id,
        "start": start,
        "end": end,
        "tz": settings.TIME_ZONE,
    }
    for model in (DailyRollup, DailyCube, HexDaily):
        model.objects.filter(
            municipality_id=municipality_id, day__gte=first, day__lte=last
        ).delete()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS _an_facts")
        cursor.execute(_FACTS, params)
        cursor.execute(_INSERT_FINE, params)
        cursor.execute(_INSERT_CUBE, params)
        cursor.execute(_HEX)
        cells = cursor.fetchall()
        cursor.execute("DROP TABLE _an_facts")
    parent = _Parents()
    counts: dict[tuple[dt.date, str, str], int] = defaultdict(int)
    for day, std, cell, n in cells:
        top = parent(cell)
        if top:
            counts[(day, std, top)] += n
            counts[(day, "", top)] += n
    HexDaily.objects.bulk_create(
        [
            HexDaily(day=d, municipality_id=municipality_id, standard_code=s, cell=c, count=n)
            for (d, s, c), n in counts.items()
        ],
        batch_size=5000,
    )
