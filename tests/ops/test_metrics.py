"""/metrics: protected, and its counters move with requests, tasks, queues and breaches."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from shahrvand.ops import metrics
from shahrvand.reports.services.escalation import escalate_due
from tests.reports import factories as reports_factories


def _value(body: str, name: str, labels: str = "") -> float:
    """The sample `name{labels}` in the exposition text (label order does not matter)."""
    wanted = set(re.findall(r'(\w+)="([^"]*)"', labels))
    for line in body.splitlines():
        found = re.match(r"^(\w+)(?:\{(.*)\})? (\S+)$", line)
        if (
            found
            and found.group(1) == name
            and set(re.findall(r'(\w+)="([^"]*)"', found.group(2) or "")) == wanted
        ):
            return float(found.group(3))
    return 0.0


def _scrape(client) -> str:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def test_refused_to_other_addresses_and_wrong_tokens(client, db, settings):
    settings.SHAHRVAND_METRICS_ALLOWED_IPS = frozenset({"10.9.9.9"})
    settings.SHAHRVAND_METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 403  # 127.0.0.1 is not listed
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    ok = client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token")
    assert ok.status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="10.9.9.9").status_code == 200


def test_request_latency_counts_by_route_and_status(client, city):
    route = 'route="citizen:track",method="GET",status="200"'
    before = _value(_scrape(client), "shahrvand_http_request_duration_seconds_count", route)
    client.get("/track/")
    client.get("/track/")
    client.get("/no-such-page/")
    body = _scrape(client)
    assert _value(body, "shahrvand_http_request_duration_seconds_count", route) == before + 2
    unmatched = 'route="unmatched",method="GET",status="404"'
    assert _value(body, "shahrvand_http_request_duration_seconds_count", unmatched) >= 1
    assert "no-such-page" not in body  # raw paths never become labels
    # The scrape itself is in flight while it is being answered.
    assert _value(body, "shahrvand_http_requests_in_flight") == 1


def test_queue_depths_and_deadline_gauges(client, city, pothole):
    body = _scrape(client)
    before_outbox = _value(body, "shahrvand_outbox_pending")
    report = reports_factories.report(city, pothole)
    body = _scrape(client)
    assert _value(body, "shahrvand_outbox_pending") > before_outbox  # intake event queued
    past = timezone.now() - dt.timedelta(hours=2)
    type(report).objects.filter(pk=report.pk).update(deadline=past, warn_at=past)
    body = _scrape(client)
    assert _value(body, "shahrvand_reports_past_deadline") == 1


def test_breach_counter_moves_when_escalation_marks_a_breach(client, city, pothole):
    before = _value(_scrape(client), "shahrvand_deadline_breaches_total")
    report = reports_factories.report(city, pothole)
    past = timezone.now() - dt.timedelta(minutes=5)
    type(report).objects.filter(pk=report.pk).update(
        deadline=past, warn_at=past, escalate_at=timezone.now() + dt.timedelta(hours=5)
    )
    assert escalate_due()["breached"] == 1
    assert escalate_due()["breached"] == 0  # once per report
    assert _value(_scrape(client), "shahrvand_deadline_breaches_total") == before + 1


def test_celery_task_failures_and_durations(client, db):
    from celery import shared_task

    @shared_task(name="tests.metrics.boom")
    def boom() -> None:
        raise RuntimeError("boom")

    @shared_task(name="tests.metrics.fine")
    def fine() -> int:
        return 1

    labels = 'task="tests.metrics.boom"'
    before = _value(_scrape(client), "shahrvand_celery_task_failures_total", labels)
    # A worker does not propagate a task's exception (eager mode in tests would re-raise it
    # before Celery's failure handling): run it the way a worker does.
    result = boom.apply(throw=False)
    assert isinstance(result.result, RuntimeError)
    fine.delay()
    body = _scrape(client)
    assert _value(body, "shahrvand_celery_task_failures_total", labels) == before + 1
    assert (
        _value(body, "shahrvand_celery_task_duration_seconds_count", 'task="tests.metrics.fine"')
        >= 1
    )


def test_celery_queue_length_read_from_redis(settings):
    redis = pytest.importorskip("redis")
    url = "redis://127.0.0.1:6379/14"
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    client.delete("celery")
    client.rpush("celery", "a", "b", "c")
    settings.CELERY_BROKER_URL = url
    try:
        assert metrics.celery_queue_depth() == 3
    finally:
        client.delete("celery")
    settings.CELERY_BROKER_URL = ""
    assert metrics.celery_queue_depth() is None
