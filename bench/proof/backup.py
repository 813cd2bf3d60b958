"""Backup and restore drill: dump a populated database, restore it into a fresh one and
prove they hold the same data (row count and checksum of every table, sequence values).

    .venv/bin/python bench/proof/backup.py [--extra-reports 20000]

Runs on the private cluster (bench/proof/stack.py): the demo province plus generated
reports (each with a history row). Against another server, the same three steps are
`pg_dump -Fc`, `createdb` + `pg_restore -j 2 --no-owner`, then this script's checks
(`verify(source_dsn, restored_dsn)`).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402

RESTORED = "shv_proof_restored"


def generate_reports(n: int) -> None:
    """n more reports, copied from the demo ones with fresh tracking codes, each with its
    'created' history row, in one statement each (fast, and realistic in size)."""
    with psycopg.connect(stack.dsn(), autocommit=True) as conn:
        cols = [r[0] for r in conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = "
            "'reports_report' AND is_generated = 'NEVER' AND column_name NOT IN "
            "('id', 'tracking_code', 'duplicate_of_id') ORDER BY ordinal_position").fetchall()]
        listed = ", ".join(cols)
        source = ", ".join(f"r.{c}" for c in cols)
        conn.execute(
            f"""
            WITH demo AS (SELECT *, row_number() OVER (ORDER BY id) - 1 AS k
                          FROM reports_report),
                 total AS (SELECT count(*) AS c FROM demo)
            INSERT INTO reports_report (tracking_code, {listed})
            SELECT '9' || lpad(n::text, 11, '0'), {source}
            FROM generate_series(1, %s) AS n, total
            JOIN demo r ON true
            WHERE r.k = n %% total.c
            """,
            (n,),
        )
        conn.execute(
            """
            INSERT INTO reports_reportevent (report_id, kind, actor_id, actor_label,
                   from_status, to_status, note, is_public, data, created_at)
            SELECT r.id, 'created', NULL, '', '', r.status, 'گزارش ثبت شد.', true,
                   '{"channel": "web"}'::jsonb, r.created_at
            FROM reports_report r WHERE r.tracking_code LIKE '9%%'
              AND length(r.tracking_code) = 12
              AND NOT EXISTS (SELECT 1 FROM reports_reportevent e WHERE e.report_id = r.id
                              AND e.kind = 'created')
            """
        )


def fingerprint(dsn: str) -> dict[str, Any]:
    """Per table: row count and md5 of all rows in a canonical order; per sequence: value."""
    out: dict[str, Any] = {"tables": {}, "sequences": {}}
    with psycopg.connect(dsn) as conn:
        tables = [r[0] for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")]
        for table in tables:
            count, digest = conn.execute(
                f'SELECT count(*), md5(coalesce(string_agg(t::text, E\'\\n\' ORDER BY t::text), \'\')) '
                f'FROM "{table}" t').fetchone()
            out["tables"][table] = (count, digest)
        for (seq,) in conn.execute(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1"):
            out["sequences"][seq] = conn.execute(
                f'SELECT last_value, is_called FROM "{seq}"').fetchone()
    return out


def verify(source: dict[str, Any], restored: dict[str, Any]) -> list[str]:
    problems = []
    for kind in ("tables", "sequences"):
        for name in sorted(set(source[kind]) | set(restored[kind])):
            if source[kind].get(name) != restored[kind].get(name):
                problems.append(f"{kind[:-1]} {name}: {source[kind].get(name)} != "
                                f"{restored[kind].get(name)}")
    return problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--extra-reports", type=int, default=20000)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    stack.fresh_stack()
    dump = stack.WORK / "shahrvand.dump"
    pg = ["-h", "127.0.0.1", "-p", str(stack.PG_PORT), "-U", "postgres"]
    r: dict[str, Any] = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}
    try:
        t = time.monotonic()
        generate_reports(args.extra_reports)
        r["generate_s"] = time.monotonic() - t
        r["db_size"] = stack.psql(f"SELECT pg_size_pretty(pg_database_size('{stack.DB_NAME}'))")

        t = time.monotonic()
        stack.run(["pg_dump", *pg, "-Fc", "-d", stack.DB_NAME, "-f", str(dump)])
        r["dump_s"] = time.monotonic() - t
        r["dump_bytes"] = dump.stat().st_size

        stack.psql(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)', db="postgres")
        t = time.monotonic()
        stack.psql(f'CREATE DATABASE "{RESTORED}"', db="postgres")
        stack.run(["pg_restore", *pg, "-d", RESTORED, "-j", "2", "--no-owner", "--exit-on-error",
                   str(dump)])
        r["restore_s"] = time.monotonic() - t

        t = time.monotonic()
        source, restored = fingerprint(stack.dsn()), fingerprint(stack.dsn(RESTORED))
        r["verify_s"] = time.monotonic() - t
        r["tables"] = len(source["tables"])
        r["rows"] = sum(c for c, _ in source["tables"].values())
        r["sequences"] = len(source["sequences"])
        r["problems"] = verify(source, restored)
        # self-check: the comparison notices a single changed character in one row
        with psycopg.connect(stack.dsn(RESTORED), autocommit=True) as conn:
            conn.execute("UPDATE reports_report SET description = description || '.' "
                         "WHERE id = (SELECT min(id) FROM reports_report)")
        r["tamper_detected"] = bool(verify(source, fingerprint(stack.dsn(RESTORED))))
        r["largest"] = sorted(((n, c) for n, (c, _) in source["tables"].items()),
                              key=lambda x: -x[1])[:6]
        (stack.WORK / "backup.json").write_text(json.dumps(r, indent=2, ensure_ascii=False))
        print(f"""Backup/restore drill {r['date']}
database {r['db_size']}: {r['tables']} tables, {r['rows']} rows, {r['sequences']} sequences
largest tables: {', '.join(f'{n} {c}' for n, c in r['largest'])}
generate {args.extra_reports} extra reports: {r['generate_s']:.1f} s
pg_dump -Fc: {r['dump_s']:.1f} s, {r['dump_bytes'] / 1e6:.1f} MB
createdb + pg_restore -j 2: {r['restore_s']:.1f} s
fingerprint both (count + md5 per table, sequences): {r['verify_s']:.1f} s
differences: {len(r['problems'])}
self-check, one character changed in the restored copy is detected: {r['tamper_detected']}""")
        for problem in r["problems"]:
            print("  ", problem)
        if r["problems"] or not r["tamper_detected"]:
            sys.exit(1)
    finally:
        stack.psql(f'DROP DATABASE IF EXISTS "{RESTORED}" WITH (FORCE)', db="postgres")
        if not args.keep:
            stack.teardown()


if __name__ == "__main__":
    main()
