"""Full-text search benchmark: time of `search_reports` on N generated reports.

Reports get 8–60 words of 137-style Persian (with ZWNJ words, house numbers and notes),
inserted with bulk_create so that the index is maintained as in production (SQLite
triggers; PostgreSQL generated column and GIN index). Each query runs against one
municipality's reports (three quarters of them) and fetches the first page (50),
unranked (newest first) and ranked, and the count.

Usage (SQLite in a temporary file, or the local PostgreSQL in its own database, dropped
afterwards):
    .venv/bin/python bench/search/run.py --db sqlite [--reports 100000] [--repeat 5]
    .venv/bin/python bench/search/run.py --db postgresql [--reports 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
DB = "shahrvand_bench_search"
PG = "postgres://postgres@127.0.0.1:5432"
ZWNJ = "\u200c"

SUBJECTS = [
    "چاله",
    "آسفالت",
    "سطل زباله",
    "تیر برق",
    "چراغ",
    "درخت",
    "جوی آب",
    "فاضلاب",
    "پیاده‌رو",
    "دریچه",
    "نیمکت",
    "پارک",
    "خیابان",
    "کوچه",
    "لوله‌های آب",
    "سگ ولگرد",
    "نخاله",
    "ساختمان نیمه‌کاره",
    "تابلو",
    "ایستگاه اتوبوس",
    "پل عابر",
    "آبنما",
    "جدول",
    "موزاییک",
]
STATES = [
    "خراب شده",
    "شکسته",
    "افتاده",
    "پر شده",
    "خاموش است",
    "نشت می‌کند",
    "بو می‌دهد",
    "رها شده",
    "کنده شده",
    "گرفته است",
    "ریزش کرده",
    "آب گرفته",
    "سوخته",
    "کج شده",
]
PLACES = [
    "جلوی پلاک {n}",
    "سر کوچه {n}",
    "روبروی مدرسه",
    "کنار مسجد",
    "نبش خیابان بهار",
    "بلوار کشاورز",
    "میدان انقلاب",
    "خیابان ولیعصر",
    "کوچه شهید {n}",
    "پشت بازار",
    "خیابان‌های اطراف",
    "محله نارمک",
    "بزرگراه همت",
    "پارک لاله",
]
EXTRAS = [
    "لطفا رسیدگی کنید",
    "چند بار تماس گرفتیم",
    "همسایه‌ها هم شکایت دارند",
    "خطرناک است",
    "از هفته گذشته",
    "بچه‌ها آنجا بازی می‌کنند",
    "شب‌ها تاریک است",
    "ماشین‌ها آسیب می‌بینند",
    "هیچ کس پاسخ نمی‌دهد",
    "فوری",
    "ممنون از پیگیری",
    "مأمور آمد ولی درست نشد",
]
NOTES = [
    "ارجاع به واحد عمران",
    "پیمانکار فردا مراجعه می‌کند",
    "بازدید انجام شد",
    "مشکل برطرف شد",
    "نیاز به هماهنگی با شرکت آب",
    "خارج از محدوده شهرداری",
]
# (label, query): common, medium and rare words, AND, prefix while typing, affix variants.
QUERIES = [
    ("common word", "خیابان"),
    ("medium word", "چاله"),
    ("rare word", "آبنما"),
    ("two words", "چاله پلاک"),
    ("three words", "درخت افتاده کوچه"),
    ("prefix (typing)", "فاضل"),
    ("1-letter last", "آسفالت خ"),
    ("ZWNJ variant", "نمی دهد"),
    ("no match", "زلزله"),
]


def psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c", sql],
        check=True,
    )


def text(rng: random.Random) -> str:
    def part() -> str:
        return " ".join(
            [
                rng.choice(SUBJECTS),
                rng.choice(PLACES).format(n=rng.randrange(1, 300)),
                rng.choice(STATES),
            ]
        )

    words = [part() for _ in range(rng.randrange(1, 4))]
    words += rng.sample(EXTRAS, rng.randrange(0, 4))
    return "، ".join(words) + "."


def load(n: int, rng: random.Random) -> int:
    from django.utils import timezone
    from tests.categories import factories as categories_factories
    from tests.tenancy import factories as tenancy_factories

    from shahrvand.common.persian import normalize_text
    from shahrvand.reports.models import Report

    city = tenancy_factories.municipality("benchsearch")
    other = tenancy_factories.municipality("benchother")
    cats = {m.pk: categories_factories.category(m, "pothole", "road") for m in (city, other)}
    districts = {m.pk: m.districts.first() for m in (city, other)}
    now = timezone.now()
    batch: list[Report] = []
    for i in range(n):
        muni = city if i % 4 else other  # a quarter in another municipality
        description = normalize_text(text(rng))
        notes = [normalize_text(rng.choice(NOTES)) for _ in range(rng.randrange(0, 3))]
        created = now - dt.timedelta(minutes=rng.randrange(0, 60 * 24 * 365))
        batch.append(
            Report(
                tracking_code=f"{100000000000 + i}",
                municipality=muni,
                category=cats[muni.pk],
                standard=cats[muni.pk].standard,
                description=description,
                search_text="\n".join([description, *notes]),
                district=districts[muni.pk],
                channel="web",
                status="assigned",
                created_at=created,
            )
        )
        if len(batch) == 2000:
            Report.objects.bulk_create(batch)
            batch = []
    Report.objects.bulk_create(batch)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return city.pk


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median milliseconds of `repeat` calls, and the last result."""
    timings, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings), result


def run(n: int, repeat: int) -> None:
    from django.db import connection

    from shahrvand.reports.models import Report
    from shahrvand.search.backend import search_reports

    rng = random.Random(137)
    start = time.perf_counter()
    city_id = load(n, rng)
    print(f"{connection.vendor}: loaded {n} reports in {time.perf_counter() - start:.0f} s")
    scoped = Report.objects.filter(municipality_id=city_id)
    print(f"{'query':<18}{'matches':>9}{'page ms':>10}{'ranked ms':>11}{'count ms':>10}")
    for label, query in QUERIES:
        page_ms, _ = timed(lambda q=query: list(search_reports(scoped, q)[:50]), repeat)
        ranked_ms, _ = timed(
            lambda q=query: list(search_reports(scoped, q, rank=True)[:50]), repeat
        )
        count_ms, count = timed(lambda q=query: search_reports(scoped, q).count(), repeat)
        print(f"{label:<18}{count:>9}{page_ms:>10.1f}{ranked_ms:>11.1f}{count_ms:>10.1f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", choices=["sqlite", "postgresql"], required=True)
    parser.add_argument("--reports", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    os.environ.setdefault("DEBUG", "0")  # no query log for 100,000 inserts
    sys.path[:0] = [str(ROOT / "src"), str(ROOT)]
    with tempfile.TemporaryDirectory(prefix="shahrvand-bench-search-") as var:
        if args.db == "postgresql":
            psql(f"DROP DATABASE IF EXISTS {DB}")
            psql(f"CREATE DATABASE {DB}")
            os.environ["DATABASE_URL"] = f"{PG}/{DB}"
        else:
            os.environ.pop("DATABASE_URL", None)
            os.environ["SHAHRVAND_VAR_DIR"] = var
        try:
            import django

            django.setup()
            from django.core.management import call_command

            call_command("migrate", verbosity=0)
            run(args.reports, args.repeat)
        finally:
            from django.db import connections

            connections.close_all()
            if args.db == "postgresql":
                psql(f"DROP DATABASE IF EXISTS {DB}")


if __name__ == "__main__":
    main()
