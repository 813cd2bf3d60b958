"""List the SQL statements of one API intake, with a chosen category and left to the
classifier (automatic routing), against the proof database (stack up: `stack.py up`).

    .venv/bin/python bench/proof/intake_queries.py
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import stack  # noqa: E402

os.environ.update(stack.django_env())
os.environ["ALLOWED_HOSTS"] = "testserver,127.0.0.1"

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

client = Client()


def post(i: int, category: str) -> int:
    body = {"municipality": "tehran", "category": category, "lat": 35.79881, "lon": 51.530625,
            "description": f"چاله بزرگی وسط خیابان حافظ ایجاد شده ({i})",
            "reporter_phone": "09121234567"}
    resp = client.post("/api/v1/public/reports", json.dumps(body), content_type="application/json",
                       HTTP_IDEMPOTENCY_KEY=f"q-{i}-{time.time()}")
    return resp.status_code


post(0, "road-pothole")  # warm the per-process copies and the classifier
post(1, "")
for category in ("road-pothole", ""):
    with CaptureQueriesContext(connection) as ctx:
        status = post(2, category)
    print(f"category {category or '(classifier)'}: {status}, {len(ctx.captured_queries)} statements")
    for q in ctx.captured_queries:
        print("   ", q["sql"][:110])
