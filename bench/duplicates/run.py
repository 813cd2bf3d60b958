"""Duplicate detection benchmark.

1. Quality: precision and recall of `find_candidates` on a generated set of true
   duplicates (same kind, within 0–45 m, reworded) and false near-duplicates (another
   kind at the same spot, the same kind 60–300 m away, or older than 12 weeks).
2. Speed: time per intake lookup with N reports (default 1,000,000) in PostgreSQL.

Usage (needs the local PostgreSQL; creates and drops its own database):
    .venv/bin/python bench/duplicates/run.py [--reports 1000000] [--probes 500]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import math
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DB = "shahrvand_bench_duplicates"
PG = "postgres://postgres@127.0.0.1:5432"


def setup_django() -> None:
    os.environ["DATABASE_URL"] = f"{PG}/{DB}"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql], check=True
    )


def offset(lat: float, lon: float, metres: float, bearing: float) -> tuple[float, float]:
    dlat = metres * math.cos(bearing) / 111_195.0
    dlon = metres * math.sin(bearing) / (111_195.0 * math.cos(math.radians(lat)))
    return lat + dlat, lon + dlon


PHRASES = {
    "road": [
        "چاله بزرگ وسط خیابان",
        "آسفالت خراب شده و چاله دارد",
        "دریچه فاضلاب پایین رفته",
        "چاله عمیق جلوی مغازه",
    ],
    "waste": [
        "سطل زباله پر شده",
        "زباله‌ها را جمع نکرده‌اند",
        "نخاله ساختمانی رها شده",
        "مخزن زباله شکسته",
    ],
    "lighting": [
        "چراغ خیابان خاموش است",
        "کوچه تاریک است",
        "تیر چراغ برق کج شده",
        "لامپ روشنایی سوخته",
    ],
}


def reword(text: str, rng: random.Random) -> str:
    extras = ["لطفا رسیدگی کنید", "از دیروز", "خیلی خطرناکه", "", "چند روزه"]
    text = text.replace("ی", "ي") if rng.random() < 0.3 else text
    return f"{text} {rng.choice(extras)}".strip()


def quality(rng: random.Random, cases: int) -> dict[str, float]:
    from django.utils import timezone
    from tests.categories import factories as categories_factories
    from tests.reports import factories as reports_factories
    from tests.tenancy import factories as tenancy_factories

    from shahrvand.reports.duplicates import find_candidates
    from shahrvand.reports.models import Report

    city = tenancy_factories.municipality("benchq", lat=35.70, lon=51.40)
    cats = {code: categories_factories.category(city, f"c-{code}", code) for code in PHRASES}
    tp = fp = fn = tn = 0
    now = timezone.now()
    for i in range(cases):
        code = rng.choice(list(PHRASES))
        lat, lon = 35.70 + rng.uniform(-0.04, 0.04), 51.40 + rng.uniform(-0.045, 0.045)
        text = rng.choice(PHRASES[code])
        base = reports_factories.report(city, cats[code], where=(lat, lon), description=text)
        kind = rng.random()
        if kind < 0.5:  # true duplicate
            probe_code, dist, truth = code, rng.uniform(0, 45), True
        elif kind < 0.7:  # other kind, same spot
            probe_code = rng.choice([c for c in PHRASES if c != code])
            dist, truth = rng.uniform(0, 20), False
        elif kind < 0.9:  # same kind, farther away
            probe_code, dist, truth = code, rng.uniform(60, 300), False
        else:  # same kind and spot, but the earlier one is 13+ weeks old
            probe_code, dist, truth = code, rng.uniform(0, 20), False
            Report.objects.filter(pk=base.pk).update(
                created_at=now - dt.timedelta(weeks=13 + i % 5)
            )
        plat, plon = offset(lat, lon, dist, rng.uniform(0, 2 * math.pi))
        found = find_candidates(
            municipality_id=city.pk,
            standard_code=probe_code,
            lat=plat,
            lon=plon,
            text=reword(rng.choice(PHRASES[probe_code]), rng),
        )
        hit = any(c.report.pk == base.pk for c in found)
        tp += hit and truth
        fp += hit and not truth
        fn += (not hit) and truth
        tn += (not hit) and not truth
        Report.objects.filter(pk=base.pk).update(
            status="closed", closed_at=now - dt.timedelta(days=400)
        )
    return {
        "cases": cases,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
    }


def load_many(n: int, rng: random.Random) -> tuple[int, list[str]]:
    """COPY n reports into PostgreSQL quickly (bypassing services: this measures lookups)."""
    import h3
    from django.db import connection
    from django.utils import timezone
    from tests.categories import factories as categories_factories
    from tests.tenancy import factories as tenancy_factories

    city = tenancy_factories.municipality("benchspeed", lat=35.70, lon=51.40)
    codes = ["road", "waste", "lighting", "drainage", "green_space", "sidewalk"]
    cats = {code: categories_factories.category(city, f"s-{code}", code) for code in codes}
    district = city.districts.first()
    assert district is not None
    now = timezone.now()
    cols = (
        "tracking_code, municipality_id, category_id, standard_id, priority, description, lat, lon,"
        " address, district_id, h3_cell, channel, reporter_name, reporter_phone, status, status_note,"
        " external_app, media_url, attribute_values, feedback_comment, created_at, updated_at,"
        " paused_hours, sla_state, search_text"
    )
    buf = io.StringIO()
    for i in range(n):
        code = codes[i % len(codes)]
        # Tehran's extent (~730 km²): 1,000,000 reports is about a year of the 137 line.
        lat, lon = 35.57 + rng.random() * 0.23, 51.10 + rng.random() * 0.50
        created = now - dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
        status = "closed" if rng.random() < 0.6 else "assigned"
        row = [
            f"{100000000000 + i}",
            str(city.pk),
            str(cats[code].pk),
            code,
            "normal",
            "گزارش نمونه",
            f"{lat:.6f}",
            f"{lon:.6f}",
            "",
            str(district.pk),
            h3.latlng_to_cell(lat, lon, 9),
            "web",
            "",
            "",
            status,
            "",
            "",
            "",
            "{}",
            "",
            created.isoformat(),
            created.isoformat(),
            "0",
            "",
            "گزارش نمونه",
        ]
        buf.write("\t".join(row) + "\n")
    buf.seek(0)
    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg cursor
        with raw.copy(f"COPY reports_report ({cols}) FROM STDIN") as copy:
            while chunk := buf.read(1 << 20):
                copy.write(chunk)
        cursor.execute("ANALYZE reports_report")
    return city.pk, codes


def speed(n: int, probes: int, rng: random.Random) -> dict[str, float]:
    from shahrvand.reports.duplicates import find_candidates

    t0 = time.perf_counter()
    city_id, codes = load_many(n, rng)
    load_s = time.perf_counter() - t0
    timings = []
    for _ in range(probes):
        lat, lon = 35.57 + rng.random() * 0.23, 51.10 + rng.random() * 0.50
        start = time.perf_counter()
        find_candidates(
            municipality_id=city_id, standard_code=rng.choice(codes), lat=lat, lon=lon, text="چاله"
        )
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "reports": n,
        "load_seconds": round(load_s, 1),
        "lookup_ms_p50": round(statistics.median(timings), 2),
        "lookup_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 2),
        "lookup_ms_max": round(timings[-1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--probes", type=int, default=500)
    parser.add_argument("--cases", type=int, default=1000)
    args = parser.parse_args()
    psql(f"DROP DATABASE IF EXISTS {DB}")
    psql(f"CREATE DATABASE {DB}")
    try:
        setup_django()
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        rng = random.Random(137)
        print("quality:", quality(rng, args.cases), flush=True)
        print("speed:", speed(args.reports, args.probes, rng), flush=True)
    finally:
        from django.db import connections

        connections.close_all()
        psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
