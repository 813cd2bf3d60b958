"""Prometheus metrics (prometheus-client) served at /metrics.

Request latency by route name and status, requests in flight, Celery task durations and
failures (Celery signals), queue depths read at scrape time (outbox, notifications, the
Celery queue in Redis) and deadline breaches. Under gunicorn with several workers set
PROMETHEUS_MULTIPROC_DIR to an empty directory shared by the workers (docs/operations.md):
each process then writes its samples there and /metrics merges them.

ops imports no app: the app that owns a count read at scrape time registers it with
`register_gauge` in its AppConfig.ready (decision 0031).
"""

from __future__ import annotations

import hmac
import os
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from shahrvand.common.clientip import client_ip

REQUEST_LATENCY = Histogram(
    "shahrvand_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name, method and status.",
    ["route", "method", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
IN_FLIGHT = Gauge(
    "shahrvand_http_requests_in_flight",
    "HTTP requests being answered right now.",
    multiprocess_mode="livesum",
)
TASK_DURATION = Histogram(
    "shahrvand_celery_task_duration_seconds",
    "Run time of Celery tasks, by task name.",
    ["task"],
    buckets=(0.01, 0.05, 0.1, 0.5, 1.0, 5.0, 30.0, 120.0, 600.0),
)
TASK_FAILURES = Counter(
    "shahrvand_celery_task_failures", "Celery tasks that raised, by task name.", ["task"]
)
DEADLINE_BREACHES = Counter(
    "shahrvand_deadline_breaches",
    "Reports that passed their deadline, counted by the escalation service when it marks them.",
)


def _route(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "unmatched"  # 404s: never the raw path, which would explode the label set
    return match.view_name or match.route or "unnamed"


class MetricsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        started = time.perf_counter()
        IN_FLIGHT.inc()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            return response
        finally:
            IN_FLIGHT.dec()
            REQUEST_LATENCY.labels(_route(request), request.method or "", str(status)).observe(
                time.perf_counter() - started
            )


_SCRAPE_GAUGES: dict[str, tuple[str, Callable[[], float]]] = {}


def register_gauge(name: str, documentation: str, read: Callable[[], float]) -> None:
    """Serve `name` as a gauge whose value `read()` returns at each scrape (a cheap count).

    Registering a name again replaces its reader.
    """
    _SCRAPE_GAUGES[name] = (documentation, read)


class QueueCollector(Collector):
    """Gauges read from the database and the broker at each scrape (cheap indexed counts)."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        for name, (documentation, read) in _SCRAPE_GAUGES.items():
            yield _gauge(name, documentation, read())
        depth = celery_queue_depth()
        if depth is not None:
            yield _gauge(
                "shahrvand_celery_queue_length", "Tasks waiting in the Celery queue.", depth
            )


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def celery_queue_depth() -> int | None:
    """Length of the default Celery queue when the broker is Redis (a list named 'celery')."""
    url: str = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://")):
        return None
    import redis

    try:
        client = redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)
        return int(client.llen("celery"))
    except redis.RedisError:
        return None


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        for collector in (
            REQUEST_LATENCY,
            IN_FLIGHT,
            TASK_DURATION,
            TASK_FAILURES,
            DEADLINE_BREACHES,
        ):
            registry.register(collector)
    registry.register(QueueCollector())
    return registry


def allowed(request: HttpRequest) -> bool:
    """A matching `Authorization: Bearer <METRICS_TOKEN>`, or a client address in
    METRICS_ALLOWED_IPS (the client address, common.clientip: X-Forwarded-For counts only
    from TRUSTED_PROXIES, so a header cannot claim an allowed address)."""
    token: str = settings.SHAHRVAND_METRICS_TOKEN
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header[7:].strip().encode(), token.encode())
    if header:
        return False
    return client_ip(request) in settings.SHAHRVAND_METRICS_ALLOWED_IPS


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not allowed(request):
        return HttpResponse("forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)


def _task_started(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    if task is not None:
        task.request.__dict__.setdefault("_shv_started", time.perf_counter())


def _task_finished(task_id: str | None = None, task: Any = None, **kwargs: Any) -> None:
    if task is None:
        return
    started = task.request.__dict__.get("_shv_started")
    if started is not None:
        TASK_DURATION.labels(task.name).observe(time.perf_counter() - started)


def _task_failed(sender: Any = None, **kwargs: Any) -> None:
    TASK_FAILURES.labels(getattr(sender, "name", "unknown")).inc()


def connect_celery_signals() -> None:
    from celery import signals

    signals.task_prerun.connect(_task_started, weak=False)
    signals.task_postrun.connect(_task_finished, weak=False)
    signals.task_failure.connect(_task_failed, weak=False)
