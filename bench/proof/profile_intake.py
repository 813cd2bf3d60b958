"""Profile the intake path in-process: N report POSTs through Django's test client
against the proof database (run with the stack up: `bench/proof/stack.py up`).

    .venv/bin/python bench/proof/profile_intake.py [N]

Uses pyinstrument when installed, else cProfile (top 40 by cumulative time).
"""

from __future__ import annotations

import cProfile
import json
import pstats
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import os  # noqa: E402

import stack  # noqa: E402

os.environ.update(stack.django_env())
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from shahrvand.reports.models import Report  # noqa: E402


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    samples = list(
        Report.objects.filter(municipality__slug="tehran", lat__isnull=False)
        .values("category__code", "description", "lat", "lon")[:200]
    )
    rng = random.Random(3)
    client = Client()

    def post(i: int) -> None:
        s = rng.choice(samples)
        body = {
            "municipality": "tehran",
            "category": s["category__code"] if (i % 2 or os.environ.get("CHOSEN")) else "",
            "description": f"{s['description']} ({i})",
            "lat": s["lat"] + rng.uniform(-0.001, 0.001),
            "lon": s["lon"] + rng.uniform(-0.001, 0.001),
            "reporter_phone": "09121234567",
        }
        resp = client.post("/api/v1/public/reports", json.dumps(body),
                           content_type="application/json", HTTP_IDEMPOTENCY_KEY=f"p-{i}-{time.time()}")
        assert resp.status_code in (201, 400), resp.content[:300]

    for i in range(5):  # warm caches and the classifier
        post(i)
    started = time.perf_counter()
    profiler = cProfile.Profile(time.process_time) if os.environ.get("CPU") else cProfile.Profile()
    profiler.enable()
    for i in range(n):
        post(i + 10)
    profiler.disable()
    elapsed = time.perf_counter() - started
    print(f"{n} intakes in {elapsed:.2f} s = {1000 * elapsed / n:.1f} ms each (profiled)")
    pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(os.environ.get("FILTER", ""), int(os.environ.get("TOP", "45")))


main()
