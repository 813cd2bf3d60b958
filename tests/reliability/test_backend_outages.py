"""What the app does while Redis or PostgreSQL is unreachable (the fast half of the fault
drill in bench/proof/faults.py): degrade or answer 503, never a 500 or a lost report."""

from __future__ import annotations

import socket
import threading
import time

import pytest
from django.db import OperationalError

from shahrvand.common import broker
from shahrvand.common import cache as resilient
from shahrvand.common.cache import ResilientRedisCache
from shahrvand.reports.models import Report


def _closed_port() -> int:
    """A loopback port nobody listens on (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def dead_redis(monkeypatch: pytest.MonkeyPatch) -> ResilientRedisCache:
    monkeypatch.setattr(resilient, "_down_until", 0.0)
    return ResilientRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )


def test_cache_without_redis_misses_drops_writes_and_lets_rate_limits_pass(dead_redis):
    assert dead_redis.get("calendar:1", "fallback") == "fallback"
    dead_redis.set("calendar:1", {"x": 1})  # dropped, no exception
    assert dead_redis.add("rl:key", 1) is True  # the rate limit fails open
    assert dead_redis.incr("rl:key") == 1
    assert dead_redis.delete("calendar:1") is False
    # after the first failure Redis is not tried again for a moment
    assert resilient._down_until > 0


def test_cache_is_tried_again_after_the_pause(dead_redis, monkeypatch):
    calls = []

    def fake_get(self, key, default=None, version=None):
        calls.append(key)
        return "from-redis"

    monkeypatch.setattr("django.core.cache.backends.redis.RedisCache.get", fake_get)
    monkeypatch.setattr(resilient, "_down_until", 10**12)  # still paused
    assert dead_redis.get("k", "miss") == "miss"
    assert calls == []
    monkeypatch.setattr(resilient, "_down_until", 0.0)  # pause over
    assert dead_redis.get("k", "miss") == "from-redis"
    assert calls == ["k"]


def test_production_cache_setting_uses_the_resilient_backend(monkeypatch):
    import importlib

    import config.settings.base as base

    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6379/9")
    try:
        reloaded = importlib.reload(base)
        assert reloaded.CACHES["default"]["BACKEND"] == "shahrvand.common.cache.ResilientRedisCache"
        assert reloaded.CACHES["default"]["OPTIONS"]["socket_connect_timeout"] <= 1
    finally:
        monkeypatch.delenv("REDIS_URL")
        importlib.reload(base)


class FakeTask:
    name = "fake.dispatch"

    def __init__(self, fail: bool) -> None:
        self.fail = fail
        self.sent = 0
        self.called = threading.Event()

    def apply_async(self, retry: bool = True) -> None:
        assert retry is False  # an after-commit hook never waits for broker retries
        self.called.set()
        if self.fail:
            raise ConnectionRefusedError("broker down")
        self.sent += 1


def test_wake_up_with_broker_down_is_dropped_then_paused(monkeypatch):
    monkeypatch.setattr(broker, "_down_until", 0.0)
    task = FakeTask(fail=True)
    assert broker.send_now(task) is False
    task.called.clear()
    assert broker.send_now(task) is False  # paused: the broker is not even tried
    assert not task.called.is_set()
    monkeypatch.setattr(broker, "_down_until", 0.0)
    working = FakeTask(fail=False)
    assert broker.send_now(working) is True
    assert working.sent == 1


def test_wake_up_is_sent_from_a_background_thread(monkeypatch):
    monkeypatch.setattr(broker, "_down_until", 0.0)
    task = FakeTask(fail=False)
    broker.send_quietly(task)
    assert task.called.wait(timeout=10)
    assert task.sent == 1


def test_kicks_in_quick_succession_coalesce_into_few_wake_ups(monkeypatch):
    monkeypatch.setattr(broker, "_down_until", 0.0)
    monkeypatch.setattr(broker, "COALESCE_SECONDS", 0.5)
    task = FakeTask(fail=False)
    broker.send_quietly(task)
    assert task.called.wait(timeout=10)
    for _ in range(50):  # 50 commits within the interval after the first wake-up
        broker.send_quietly(task)
    time.sleep(1.5)  # the interval ends: the waiting kicks go out as one message
    assert task.sent == 2


def test_database_outage_answers_503_with_a_persian_message(client, city, pothole, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("terminating connection due to administrator command")

    monkeypatch.setattr("shahrvand.api.public.report_create", broken)
    response = client.post(
        "/api/v1/public/reports",
        {
            "municipality": city.slug,
            "category": pothole.code,
            "description": "چاله بزرگ در خیابان",
            "district": 1,
        },
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="outage-1",
    )
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.json()
    assert body["code"] == "unavailable"
    assert "دوباره تلاش کنید" in body["message"]
    assert Report.objects.count() == 0


def test_database_outage_on_a_page_is_a_persian_503(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("the database system is starting up")

    monkeypatch.setattr("shahrvand.reports.citizen.views.render", broken)
    response = client.get("/track/")
    assert response.status_code == 503
    assert "دوباره تلاش کنید" in response.content.decode()


def test_cache_reuses_one_redis_client_per_pool(dead_redis):
    client = dead_redis._cache
    assert client.get_client("a") is client.get_client("b")
    assert client.get_client("a", write=True) is client.get_client("c", write=True)
