"""Analytics benchmark: 5,000,000 synthetic reports across 46 municipalities (PostgreSQL).

Phases (run all, or one at a time with --phase; the database is kept between phases
until --drop):
  generate     46 municipalities, their districts, departments, agencies and categories
               via the ORM; then the reports and some history (feedback, reopen) with
               set-based INSERT … SELECT generate_series, one statement per municipality.
  build        full rollup build (services.build_all), timed.
  incremental  10,000 random reports changed (status, updated_at), then
               services.refresh_changed() timed.
  queries      every dashboard selector and the public KPI endpoint, p50/p95 over --repeat
               runs, for a month, a year, province-wide and one municipality.
  pages        the first request of each dashboard page after a refresh, with and without
               the refresh task's prewarm (--rounds refreshes each).

Usage:
    .venv/bin/python bench/analytics/run.py --phase all --reports 5000000 --drop
"""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DB = "shv_bench_analytics"
PG = "postgres://postgres@127.0.0.1:5432"
MUNICIPALITIES = 46


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    os.environ["SHAHRVAND_API_PUBLIC_RATE"] = "1000000/m"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def psql(sql: str, db: str = "postgres") -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", db, "-c", sql], check=True
    )


def create_db() -> None:
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "migrate", "--noinput", "-v", "0"],
        check=True,
        env={**os.environ, "DATABASE_URL": f"{PG}/{DB}"},
    )


def _square(lat0: float, lat1: float, lon0: float, lon1: float) -> dict[str, Any]:
    ring = [[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]
    return {"type": "Polygon", "coordinates": [ring]}


def organisation(rng: random.Random) -> list[dict[str, Any]]:
    """46 municipalities with populations, districts, 8 departments, 4 agencies and one
    category per standard code (routed to a department or, for external codes, an agency)."""
    import h3

    from shahrvand.categories.models import Category, StandardCategory
    from shahrvand.tenancy.models import Department, District, ExternalAgency, Municipality

    standards = list(StandardCategory.objects.order_by("code"))
    out = []
    for m in range(1, MUNICIPALITIES + 1):
        population = 9_000_000 if m == 1 else int(30_000 + 1_500_000 * rng.random() ** 3)
        lat, lon = 35.3 + 0.8 * rng.random(), 50.6 + 1.6 * rng.random()
        muni = Municipality.objects.create(
            slug=f"m{m:02d}", name_fa=f"شهر {m}", name_en=f"City {m}", population=population,
            center_lat=lat, center_lon=lon,
        )  # fmt: skip
        n_districts = 22 if m == 1 else 1 + int(population / 300_000)
        size = 0.02
        districts = []
        for d in range(n_districts):
            dlat = lat + (d // 5) * size
            dlon = lon + (d % 5) * size
            districts.append(
                District.objects.create(
                    municipality=muni,
                    number=d + 1,
                    name_fa=f"منطقه {d + 1}",
                    population=population // n_districts,
                    boundary=_square(dlat, dlat + size, dlon, dlon + size),
                    min_lat=dlat,
                    max_lat=dlat + size,
                    min_lon=dlon,
                    max_lon=dlon + size,
                )
            )
        depts = [
            Department.objects.create(municipality=muni, code=f"d{i}", name_fa=f"واحد {i}")
            for i in range(8)
        ]
        agencies = [
            ExternalAgency.objects.create(municipality=muni, code=kind, kind=kind, name_fa=kind)
            for kind in ("water", "electricity", "gas", "telecom")
        ]
        cats = []
        for i, std in enumerate(standards):
            external = std.default_body_kind == "external"
            cats.append(
                Category.objects.create(
                    municipality=muni,
                    code=std.code.lower(),
                    standard=std,
                    name_fa=std.name_fa,
                    target_hours=std.default_target_hours,
                    department=None if external else depts[i % len(depts)],
                    agency=agencies[i % len(agencies)] if external else None,
                )
            )
        cells = []
        for _ in range(300):
            district = rng.choice(districts)
            plat = rng.uniform(district.min_lat, district.max_lat)
            plon = rng.uniform(district.min_lon, district.max_lon)
            cells.append((str(h3.latlng_to_cell(plat, plon, 9)), plat, plon, district.pk))
        out.append({"muni": muni, "cats": cats, "cells": cells})
    return out


def _arr(values: list[Any], cast: str) -> str:
    def lit(v: Any) -> str:
        if v is None:
            return "NULL"
        if isinstance(v, str):
            return "'" + v.replace("'", "''") + "'"
        return str(v)

    return f"ARRAY[{','.join(lit(v) for v in values)}]::{cast}[]"


REPORT_SQL = """
INSERT INTO reports_report (
  tracking_code, municipality_id, category_id, standard_id, priority, auto_categorised,
  description, search_text, lat, lon, address, district_id, h3_cell, channel,
  reporter_name, reporter_phone, reporter_phone_index, status, status_note, deadline, paused_hours, sla_state,
  assigned_department_id, assigned_agency_id, external_app, media_url, attribute_values,
  satisfaction, feedback_comment, created_at, updated_at, first_response_at, resolved_at,
  closed_at)
SELECT
  'B' || lpad('{m}', 2, '0') || lpad(g::text, 9, '0'), {muni_id}, cat[k], std[k], 'normal',
  i < 0.4, 'گزارش آزمایشی', 'گزارش آزمایشی', lat[c], lon[c], '', dist[c], cell[c],
  CASE WHEN ch < 0.45 THEN 'phone' WHEN ch < 0.60 THEN 'web' WHEN ch < 0.90 THEN 'app'
       WHEN ch < 0.95 THEN 'api' ELSE 'sms' END,
  '', '', '', status, '', created + interval '60 hours', 0, '',
  dept[k], agency[k], '', '', '{{}}'::jsonb,
  CASE WHEN status = 'closed' AND s < 0.6 THEN 1 + floor(s / 0.12)::int END, '',
  created, coalesce(closed, resolved, created),
  CASE WHEN status <> 'submitted' THEN created + fr * interval '6 hours' END,
  resolved, closed
FROM (
  SELECT g, k, c, i, ch, s, fr, created, status,
    CASE WHEN status IN ('resolved', 'closed')
         THEN least(created + rh * interval '1 hour', now()) END AS resolved,
    CASE WHEN status = 'closed' THEN least(created + (rh + 20) * interval '1 hour', now())
         WHEN status IN ('rejected', 'duplicate') THEN created + interval '5 hours' END AS closed,
    cat, std, dept, agency, lat, lon, dist, cell
  FROM (
    SELECT g, 1 + floor(random() * {ncat})::int AS k, 1 + floor(random() * {ncell})::int AS c,
      random() AS i, random() AS ch, random() AS s, random() AS fr,
      -ln(1 - random()) * 40 AS rh, age, now() - age * interval '1 day' AS created,
      CASE WHEN random() < (CASE WHEN age < 3 THEN 0.7 WHEN age < 30 THEN 0.25 ELSE 0.04 END)
             THEN (CASE WHEN random() < 0.2 THEN 'submitted' ELSE 'in_progress' END)
           ELSE (SELECT CASE WHEN x < 0.05 THEN 'rejected' WHEN x < 0.08 THEN 'duplicate'
                             WHEN x < 0.45 THEN 'resolved' ELSE 'closed' END
                 FROM (SELECT random() + g * 0 AS x) r) END AS status,
      {cat} AS cat, {std} AS std, {dept} AS dept, {agency} AS agency,
      {lat} AS lat, {lon} AS lon, {dist} AS dist, {cell} AS cell
    FROM (SELECT g, random() * {days} AS age FROM generate_series(1, {n}) g) base
  ) a
) b
"""

EVENTS_SQL = """
INSERT INTO reports_reportevent (report_id, kind, actor_label, from_status, to_status, note,
                                 is_public, data, created_at)
SELECT id, 'feedback', 'شهروند', '', '', '', true,
       jsonb_build_object('accepted', random() < 0.85), closed_at
FROM reports_report WHERE status = 'closed' AND random() < 0.15;
INSERT INTO reports_reportevent (report_id, kind, actor_label, from_status, to_status, note,
                                 is_public, data, created_at)
SELECT id, 'status', 'کارشناس', 'in_progress', 'resolved', '', true, '{}', resolved_at
FROM reports_report WHERE status = 'closed' AND id % 50 = 0;
INSERT INTO reports_reportevent (report_id, kind, actor_label, from_status, to_status, note,
                                 is_public, data, created_at)
SELECT id, 'status', 'شهروند', 'resolved', 'reopened', '', true, '{}', resolved_at + interval '3 days'
FROM reports_report WHERE status = 'closed' AND id % 50 = 0;
"""


KEEP_INDEXES = {
    "id",
    "created_at",
    "updated_at",
    "municipality_id",
    "municipality_id, status, created_at DESC",
}


def generate(total: int, days: int, rng: random.Random) -> None:
    from django.db import connection

    t0 = time.perf_counter()
    orgs = organisation(rng)
    weights = [o["muni"].population ** 0.7 for o in orgs]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    counts[0] += total - sum(counts)
    print(f"organisation: {time.perf_counter() - t0:.1f} s", flush=True)
    t0 = time.perf_counter()
    with connection.cursor() as cur:
        # Keep only the report indexes the rollup builder uses (and the keys): the others
        # (full-text GIN, proximity, foreign keys) would triple the load time on this
        # shared machine and play no part in what is measured here.
        cur.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'reports_report'")
        for name, definition in cur.fetchall():
            columns = definition[definition.index("(") + 1 : definition.rindex(")")]
            if columns not in KEEP_INDEXES and "UNIQUE" not in definition:
                cur.execute(f'DROP INDEX IF EXISTS "{name}"')
        for m, (org, n) in enumerate(zip(orgs, counts, strict=True), start=1):
            cats, cells = org["cats"], org["cells"]
            sql = REPORT_SQL.format(
                m=m, muni_id=org["muni"].pk, n=n, days=days, ncat=len(cats), ncell=len(cells),
                cat=_arr([c.pk for c in cats], "bigint"),
                std=_arr([c.standard_id for c in cats], "varchar"),
                dept=_arr([c.department_id for c in cats], "bigint"),
                agency=_arr([c.agency_id for c in cats], "bigint"),
                lat=_arr([c[1] for c in cells], "float8"), lon=_arr([c[2] for c in cells], "float8"),
                dist=_arr([c[3] for c in cells], "bigint"), cell=_arr([c[0] for c in cells], "varchar"),
            )  # fmt: skip
            cur.execute(sql)
            print(
                f"  municipality {m:2d}: {n:,} reports ({time.perf_counter() - t0:.0f} s)",
                flush=True,
            )
        cur.execute(EVENTS_SQL)
        cur.execute("ANALYZE")
    print(f"reports + history: {time.perf_counter() - t0:.1f} s", flush=True)


def build(days: int | None) -> None:
    """The full build (services.build_all), or with `days` only the last `days` days of every
    municipality (the same services, partition by partition), then the watermark."""
    from django.db.models import Sum
    from django.utils import timezone

    from shahrvand.analytics.models import (
        DailyCube,
        DailyRollup,
        HexDaily,
        MonthlyCube,
        RollupState,
    )
    from shahrvand.analytics.services import build_all, rebuild_days
    from shahrvand.analytics.services.partition import rebuild_province
    from shahrvand.reports.models import Report
    from shahrvand.tenancy.models import Municipality

    t0 = time.perf_counter()
    if days is None:
        result = build_all()
        partitions = result.partitions
        n = Report.objects.count()
    else:
        started = timezone.now()
        today = timezone.localdate()
        window = [today - dt.timedelta(days=i) for i in range(days)]
        partitions = 0
        for pk in Municipality.objects.order_by("pk").values_list("pk", flat=True):
            partitions += rebuild_days(municipality_id=pk, days=window, province=False)
        rebuild_province(days=window)
        RollupState.objects.update_or_create(name="reports", defaults={"watermark": started})
        n = DailyCube.objects.filter(dimension="none", municipality__isnull=True).aggregate(
            n=Sum("received")
        )["n"]
    took = time.perf_counter() - t0
    print(
        f"{'full build' if days is None else f'build of the last {days} days'}: {took:.1f} s for "
        f"{n:,} reports ({n / took:,.0f} reports/s), {partitions:,} partitions; rows: fine "
        f"{DailyRollup.objects.count():,}, daily cube {DailyCube.objects.count():,}, monthly "
        f"cube {MonthlyCube.objects.count():,}, hex daily {HexDaily.objects.count():,}",
        flush=True,
    )


def incremental(changed: int) -> None:
    from django.db import connection

    from shahrvand.analytics.services import refresh_changed

    with connection.cursor() as cur:
        # The reports being worked are the recent ones: change reports received in the
        # last 60 days (resolve the open ones, close the resolved ones).
        cur.execute(
            "UPDATE reports_report SET updated_at = now(), closed_at = now(),"
            " resolved_at = coalesce(resolved_at, now()), status = 'closed'"
            " WHERE id IN (SELECT id FROM reports_report WHERE created_at > now() - interval"
            " '60 days' ORDER BY random() LIMIT %s)",
            [changed],
        )
        print(f"changed {cur.rowcount:,} reports", flush=True)
    t0 = time.perf_counter()
    result = refresh_changed()
    print(
        f"incremental: {time.perf_counter() - t0:.1f} s, {result.partitions:,} partitions in "
        f"{result.municipalities} municipalities",
        flush=True,
    )


def _time(fn: Callable[[], Any], repeat: int) -> tuple[float, float, float]:
    t0 = time.perf_counter()
    fn()  # warm the caches once, as a live server would be (timed: the first request)
    first = (time.perf_counter() - t0) * 1000
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, math.ceil(0.95 * len(samples)) - 1)]
    return first, statistics.median(samples), p95


def queries(repeat: int) -> None:
    from django.test import Client
    from django.utils import timezone

    from shahrvand.analytics import selectors as s
    from shahrvand.tenancy.models import Municipality

    client = Client()
    today = timezone.localdate()
    tehran = Municipality.objects.get(slug="m01")
    # "month"/"year": the last 30/365 days (partial Jalali months at the edges, read from
    # daily rows); "12 months": the last 12 whole Jalali months (monthly rows only).
    from shahrvand.analytics import periods

    last_month = periods.month_start(today) - dt.timedelta(days=1)
    start = periods.month_start(last_month)
    for _ in range(11):
        start = periods.month_start(start - dt.timedelta(days=1))
    ranges = {
        "month": (today - dt.timedelta(days=29), today),
        "year": (today - dt.timedelta(days=364), today),
        "12 months": (start, last_month),
    }
    print("| query | scope | range | first ms | p50 ms | p95 ms |\n|---|---|---|---|---|---|")
    worst = worst_first = 0.0
    for range_name, (first, last) in ranges.items():
        for scope, muni in (("m01 (largest)", tehran), ("province", None)):
            kw: dict[str, Any] = {"municipality": muni, "date_from": first, "date_to": last}
            cases: dict[str, Callable[[], Any]] = {
                "kpis none": lambda kw=kw: s.kpis(**kw),
                "kpis department": lambda kw=kw: s.kpis(**kw, group_by="department"),
                "kpis category": lambda kw=kw: s.kpis(**kw, group_by="category"),
                "kpis district": lambda kw=kw: s.kpis(**kw, group_by="district"),
                "trend month": lambda kw=kw: s.trend(**kw, period="month"),
                "trend week": lambda kw=kw: s.trend(**kw, period="week"),
                "channel_mix": lambda kw=kw: s.channel_mix(**kw),
                "top_categories": lambda kw=kw: s.top_categories(**kw),
                "league_table": lambda kw=kw: s.league_table(**kw),
                "hex_counts": lambda kw=kw: s.hex_counts(**kw),
                "hex_counts one code": lambda kw=kw: s.hex_counts(**kw, standard_code="road"),
                "backlog_by_age": lambda muni=muni: s.backlog_by_age(municipality=muni),
            }
            if muni is None:
                cases["province_comparison"] = lambda kw=kw: s.province_comparison(
                    date_from=kw["date_from"], date_to=kw["date_to"]
                )
            else:
                cases["district_counts"] = lambda kw=kw: s.district_counts(**kw)
                cases["kpis unit by category"] = lambda kw=kw: s.kpis(
                    **kw, unit=s.league_table(**kw)[0].key, group_by="category"
                )
            slug = f"&municipality={muni.slug}" if muni else ""
            for group in ("department", "municipality"):
                url = f"/api/v1/public/kpis?from={first}&to={last}&group_by={group}{slug}"
                cases[f"GET /public/kpis {group}"] = lambda url=url: _ok(client.get(url))
            for name, fn in cases.items():
                first_ms, p50, p95 = _time(fn, repeat)
                worst, worst_first = max(worst, p95), max(worst_first, first_ms)
                print(
                    f"| {name} | {scope} | {range_name} | {first_ms:.1f} | {p50:.1f} | {p95:.1f} |",
                    flush=True,
                )
    print(f"worst p95: {worst:.1f} ms; worst first request: {worst_first:.1f} ms")


def first_pages(rounds: int) -> None:
    """The first request of each dashboard page after a rollup refresh, with and without
    the prewarm the refresh task runs (analytics/views/prewarm.py), in one run.

    Each round, for each page alone: a new rollup generation (what a refresh that changed
    rows does), then either the page straight away, or prewarm() and then the page. Pages are requested
    through Django's test client as a province supervisor (who may open every page)."""
    from django.contrib.auth.models import User
    from django.db import transaction
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from shahrvand.analytics.services.partition import bump_generation
    from shahrvand.analytics.views.prewarm import prewarm
    from shahrvand.tenancy.models import Role, StaffProfile

    user, _ = User.objects.get_or_create(username="bench-supervisor")
    StaffProfile.objects.get_or_create(
        user=user, defaults={"role": Role.PROVINCE_SUPERVISOR, "municipality": None}
    )
    client = Client()
    client.force_login(user)
    # every staff role gives the second factor (decision 0024): as if a TOTP code was typed
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    pages = {
        "dashboard m01": "/analytics/m/m01/",
        "league m01": "/analytics/m/m01/units/",
        "public m01": "/analytics/public/m01/",
        "dashboard m23": "/analytics/m/m23/",
        "province": "/analytics/province/",
        "dashboard m01, year": "/analytics/m/m01/?preset=year",
        "league m01, quarter": "/analytics/m/m01/units/?preset=quarter",
        "province, year": "/analytics/province/?preset=year",
    }
    times: dict[str, dict[str, list[float]]] = {k: {"cold": [], "warm": []} for k in pages}
    warm_seconds: list[float] = []
    reads = 0
    for _ in range(rounds):
        for name, url in pages.items():
            for mode in ("cold", "warm"):
                # each page alone after its own refresh: no page profits from another's reads
                with transaction.atomic():
                    bump_generation()
                if mode == "warm":
                    t0 = time.perf_counter()
                    reads = prewarm()
                    warm_seconds.append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                response = client.get(url)
                times[name][mode].append((time.perf_counter() - t0) * 1000)
                assert response.status_code == 200, (url, response.status_code)
    print(
        f"prewarm after a refresh: {reads} reads, {statistics.median(warm_seconds):.1f} s "
        f"(median of {rounds})"
    )
    print("| page, first request after a refresh | no prewarm ms | after prewarm ms |")
    print("|---|---|---|")
    for name in pages:
        cold, warm = times[name]["cold"], times[name]["warm"]
        print(f"| {name} | {statistics.median(cold):.0f} | {statistics.median(warm):.0f} |")


def _ok(response: Any) -> None:
    assert response.status_code == 200, response.content[:300]


def main() -> None:
    global DB
    parser = argparse.ArgumentParser()
    parser.add_argument("--phase", default="all",
                        choices=["all", "generate", "build", "incremental", "queries",
                                 "pages"])  # fmt: skip
    parser.add_argument("--reports", type=int, default=5_000_000)
    parser.add_argument("--days", type=int, default=730, help="history length")
    parser.add_argument("--changed", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3, help="pages: refreshes measured")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="turn the rollup read cache off (SHAHRVAND_ANALYTICS_CACHE_SECONDS=0): every "
        "query adds the rollup rows up, as the first request after a refresh does",
    )
    parser.add_argument("--db", default=DB, help="database name")
    parser.add_argument(
        "--build-days",
        type=int,
        default=None,
        help="build only the last N days (all municipalities)",
    )
    args = parser.parse_args()
    DB = args.db
    if args.no_cache:
        os.environ["SHAHRVAND_ANALYTICS_CACHE_SECONDS"] = "0"
    if args.phase in ("all", "generate"):
        create_db()
    setup_django()
    rng = random.Random(137)
    if args.phase in ("all", "generate"):
        generate(args.reports, args.days, rng)
    if args.phase in ("all", "build"):
        build(args.build_days)
    if args.phase in ("all", "incremental"):
        incremental(args.changed)
    if args.phase in ("all", "queries"):
        queries(args.repeat)
    if args.phase in ("all", "pages"):
        first_pages(args.rounds)
    if args.drop:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE {DB}")


if __name__ == "__main__":
    main()
