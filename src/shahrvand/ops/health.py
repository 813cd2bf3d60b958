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


def readyz(request: HttpRequest) -> JsonResponse:
    """Readiness: database, cache and broker answer. 503 with the failing part otherwise."""
    results: dict[str, str] = {}
    ready = True
    for name, check in (
        ("database", _check_database),
        ("cache", _check_cache),
        ("broker", _check_broker),
    ):
        try:
            results[name] = check()
        except Exception as exc:  # any failure means "not ready"; say which and why
            results[name] = f"error: {type(exc).__name__}: {str(exc)[:200]}"
            ready = False
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": results},
        status=200 if ready else 503,
    )
