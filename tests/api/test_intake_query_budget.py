"""Intake is the hot path: a report costs a handful of queries, whatever the channel."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db
BODY = {
    "municipality": "testcity",
    "category": "pothole",
    "description": "چاله",
    "lat": 35.70,
    "lon": 51.37,
}


def test_api_intake_uses_a_handful_of_queries(client, city, pothole):
    client.post("/api/v1/public/reports", BODY, content_type="application/json")  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/api/v1/public/reports",
            BODY,
            content_type="application/json",
            headers={"Idempotency-Key": "q-1"},
        )
    assert response.status_code == 201
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"].upper()]
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    # report, history entry, outbox event, idempotency record (with its response)
    assert len(writes) == 4, writes
    # nothing else: no idempotency lookup, and the municipality, category, district
    # shapes, routing rules and work calendar come from this process's copies
    # (common.localcopy)
    assert len(statements) == 4, statements
    savepoints = [q for q in queries.captured_queries if q["sql"].upper().startswith("SAVEPOINT")]
    # the idempotency transaction and the tracking-code retry; none for report_create
    assert len(savepoints) <= 2, savepoints


def test_replayed_intake_reads_the_stored_answer(client, city, pothole):
    first = client.post(
        "/api/v1/public/reports",
        BODY,
        content_type="application/json",
        headers={"Idempotency-Key": "r-1"},
    )
    with CaptureQueriesContext(connection) as queries:
        again = client.post(
            "/api/v1/public/reports",
            BODY,
            content_type="application/json",
            headers={"Idempotency-Key": "r-1"},
        )
    assert again.status_code == 201 and again.json() == first.json()
    # the work ran again inside the transaction; the refused record insert (the last
    # statement) rolled all of it back
    inserts = [q["sql"] for q in queries.captured_queries if q["sql"].upper().startswith("INSERT")]
    assert "api_idempotencyrecord" in inserts[-1]
    from shahrvand.reports.models import Report

    assert Report.objects.filter(tracking_code=first.json()["tracking_code"]).count() == 1
    assert Report.objects.count() == 1


def test_tracking_reads_the_report_once_with_everything_it_shows(client, city, pothole):
    code = client.post("/api/v1/public/reports", BODY, content_type="application/json").json()[
        "tracking_code"
    ]
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/v1/public/reports/{code}")
    assert response.status_code == 200
    data = response.json()
    # what the joins and prefetches must have loaded, not read lazily afterwards
    assert data["category"]["responsible"] == pothole.responsible_name != ""
    assert data["district"] and data["timeline"][0]["status"] == "submitted"
    # the report with its joins, its history, its attachments: no second read of the
    # report and no lazy read of the category's unit
    assert len(queries.captured_queries) == 3, [q["sql"] for q in queries.captured_queries]
