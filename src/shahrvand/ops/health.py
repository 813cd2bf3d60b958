"""Liveness and readiness probes for load balancers and orchestrators."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, JsonResponse


def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness: the process answers. Touches nothing else."""
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    key = f"readyz:{time.monotonic_ns()}"
    cache.set(key, 1, 5)
    if cache.get(key) != 1:
        raise RuntimeError("cache did not return what was stored")
    cache.delete(key)
    return "ok"


def _check_broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "embedded"  # no broker in the embedded default: tasks run in-process
    from config.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "ok"


# The database is the only part without which a node cannot serve: the cache and the
# broker degrade (decision 0027). A node reports them as "degraded" and stays in rotation,
# so an outage of the one shared Redis does not pull every node out of the load balancer.
ESSENTIAL = ("database",)


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: 503 when the database does not answer; cache or broker failures answer
    200 "degraded" and name the part (503 with ?strict=1, for monitors)."""
    results: dict[str, str] = {}
    failed: list[str] = []
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
    ):
        try:
            results[name] = check()
        except Exception as exc:  # any failure is reported; say which and why
            results[name] = f"error: {type(exc).__name__}: {str(exc)[:200]}"
            failed.append(name)
    strict = request.GET.get("strict") in ("1", "true")
    if any(name in ESSENTIAL for name in failed) or (failed and strict):
        status, code = "unavailable", 503
    else:
        status, code = ("degraded" if failed else "ok"), 200
    return JsonResponse({"status": status, "checks": results}, status=code)
