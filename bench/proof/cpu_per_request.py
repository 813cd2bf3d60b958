"""CPU time of one request of each kind, in-process through Django's test client against
the proof database (stack up: `bench/proof/stack.py up`); no HTTP server, no profiler.

    .venv/bin/python bench/proof/cpu_per_request.py [N]      # N requests of each kind
"""

from __future__ import annotations

import json
import os
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack

SEED = stack.seed()  # before Django is set up here: a subprocess prints the credentials
os.environ.update(stack.django_env())
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"

import django

django.setup()

from django.test import Client

CLIENT = Client()
RNG = random.Random(3)
STAFF = {"HTTP_AUTHORIZATION": f"Bearer {SEED['token']}"}


def intake(chosen: bool) -> Callable[[int], None]:
    def post(i: int) -> None:
        s = RNG.choice(SEED["samples"])
        body = {"municipality": SEED["municipality"], "category": s["category"] if chosen else "",
                "description": f"{s['description']} ({i})", "reporter_phone": "09121234567",
                "lat": s["lat"] + RNG.uniform(-0.001, 0.001),
                "lon": s["lon"] + RNG.uniform(-0.001, 0.001)}
        response = CLIENT.post("/api/v1/public/reports", json.dumps(body),
                               content_type="application/json",
                               HTTP_IDEMPOTENCY_KEY=f"cpu-{i}-{time.time()}")
        assert response.status_code in (201, 400), response.content[:300]

    return post


def get(url: str, **headers: str) -> Callable[[int], None]:
    def fetch(i: int) -> None:
        response = CLIENT.get(url, **headers)
        assert response.status_code == 200, (url, response.status_code)

    return fetch


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    code = SEED["samples"][0]["code"]
    slug = SEED["municipality"]
    kinds = {
        "intake, category chosen": intake(True),
        "intake, classifier + routing": intake(False),
        "tracking": get(f"/api/v1/public/reports/{code}"),
        "staff list page": get("/api/v1/staff/reports?page=2", **STAFF),
        "open311 requests.json": get(f"/open311/v2/requests.json?jurisdiction_id={slug}"),
        "municipalities (1 query)": get("/api/v1/public/municipalities"),
    }
    for name, call in kinds.items():
        for i in range(5):  # warm caches, copies and the classifier
            call(i)
        started = time.process_time()
        for i in range(n):
            call(1000 + i)
        print(f"{name:30s} {1000 * (time.process_time() - started) / n:7.2f} ms CPU")


if __name__ == "__main__":
    main()
