"""Probes and request ids, against the real services where production uses them."""

from __future__ import annotations

import json
import logging

import pytest

from shahrvand.ops.logging import JsonFormatter, request_id

pytestmark = pytest.mark.django_db


def test_liveness_and_readiness_in_the_embedded_default(client):
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "embedded"}


def test_readiness_checks_real_redis_cache_and_broker(client, settings, monkeypatch):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
        }
    }
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:6379/14"
    from config.celery import app

    monkeypatch.setattr(app.conf, "broker_url", settings.CELERY_BROKER_URL)
    response = client.get("/readyz")
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_a_dead_broker_degrades_readiness_but_keeps_the_node(client, settings, monkeypatch):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    from config.celery import app

    monkeypatch.setattr(app.conf, "broker_url", settings.CELERY_BROKER_URL)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["broker"].startswith("error:")
    assert response.json()["checks"]["database"] == "ok"
    strict = client.get("/readyz?strict=1")
    assert strict.status_code == 503
    assert strict.json()["status"] == "unavailable"


def test_a_dead_redis_cache_degrades_readiness(client, settings, monkeypatch):
    from shahrvand.common import cache as resilient

    # the failure pauses Redis for the whole process: restored after the test
    monkeypatch.setattr(resilient, "_down_until", 0.0)
    # the production cache class, pointed at a port nothing listens on
    settings.CACHES = {
        "default": {
            "BACKEND": "shahrvand.common.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["cache"].startswith("error:")
    assert client.get("/readyz?strict=true").status_code == 503


def test_a_dead_database_takes_the_node_out(client, monkeypatch):
    from django.db import OperationalError

    from shahrvand.ops import health

    class Refusing:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr(health, "connection", Refusing())
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
    assert "connection refused" in response.json()["checks"]["database"]
    assert response.json()["checks"]["cache"] == "ok"


def test_request_id_is_kept_or_made_and_echoed(client):
    given = client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert given["X-Request-ID"] == "abc-123"
    made = client.get("/healthz", headers={"X-Request-ID": "bad id\n"})
    assert len(made["X-Request-ID"]) == 32 and made["X-Request-ID"] != "bad id\n"


def test_json_log_lines_carry_the_request_id():
    token = request_id.set("rid-7")
    try:
        record = logging.LogRecord(
            "shahrvand", logging.INFO, __file__, 1, "سلام %s", ("دنیا",), None
        )
        entry = json.loads(JsonFormatter().format(record))
    finally:
        request_id.reset(token)
    assert entry["message"] == "سلام دنیا" and entry["request_id"] == "rid-7"


def test_pages_carry_a_strict_content_security_policy(client, city):
    policy = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "tile.openstreetmap.org" in policy
