"""A task whose worker is killed in the middle is run again (decision 0028), proven with real
Celery workers on the local Redis, not by reading the settings.

The workers are the project's Celery app with the project's settings (redelivery_worker.py);
each test has its own queue on a Redis database of its own (11). Skipped without Redis.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings

BROKER = "redis://127.0.0.1:6379/11"
ROOT = Path(__file__).resolve().parents[2]
TASK = "tests.reliability.hold_once"
# How long an unacknowledged message waits before it is delivered again (300 s in
# production). The first worker is killed well within it, so the message it holds is still
# unacknowledged then (a task running longer than this would be delivered twice).
VISIBILITY_TIMEOUT = 5

redis = pytest.importorskip("redis")


@pytest.fixture
def queue() -> Iterator[str]:
    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    name = f"redelivery-{uuid.uuid4().hex[:12]}"
    yield name
    client.delete(name, f"_kombu.binding.{name}", f"_kombu.binding_permanent.{name}")
    client.close()


class Workers:
    """Start real `celery worker` processes (one pool process each); kill them at the end."""

    def __init__(self, queue: str, tmp: Path) -> None:
        self.queue = queue
        self.tmp = tmp
        self.started: list[subprocess.Popen[bytes]] = []

    def start(self, name: str) -> subprocess.Popen[bytes]:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT)]),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "CELERY_BROKER_URL": BROKER,
            "REDELIVERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
        }
        log = (self.tmp / f"{name}.log").open("wb")
        worker = subprocess.Popen(  # noqa: S603  (our own interpreter and arguments)
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "tests.reliability.redelivery_worker",
                "worker",
                "-Q",
                self.queue,
                "-n",
                f"{name}-{self.queue}@%h",
                "--pool=prefork",
                "--concurrency=1",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--loglevel=INFO",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the pool process goes with it
        )
        self.started.append(worker)
        return worker

    def kill(self, worker: subprocess.Popen[bytes]) -> None:
        """SIGKILL the worker and its pool process at once (as the OOM killer would)."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

    def stop_all(self) -> None:
        for worker in self.started:
            if worker.poll() is None:
                self.kill(worker)


@pytest.fixture
def workers(queue: str, tmp_path: Path) -> Iterator[Workers]:
    started = Workers(queue, tmp_path)
    yield started
    started.stop_all()


def wait_for(check: Callable[[], bool], timeout: float, what: str, workers: Workers) -> None:
    """Poll `check` until it holds; fail with the workers' logs after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    logs = "\n".join(
        f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
        for p in sorted(workers.tmp.glob("*.log"))
    )
    pytest.fail(f"{what} within {timeout} s\n{logs}")


def lines(log: Path) -> list[str]:
    return log.read_text().split() if log.exists() else []


def send(queue: str, log: Path) -> None:
    client = Celery(broker=BROKER)
    try:
        client.send_task(TASK, args=[str(log)], queue=queue)
    finally:
        client.close()


def test_the_settings_under_test_are_the_production_ones() -> None:
    assert settings.CELERY_TASK_ACKS_LATE is True
    assert settings.CELERY_TASK_REJECT_ON_WORKER_LOST is True
    assert settings.CELERY_WORKER_PREFETCH_MULTIPLIER == 1
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] == 300


def test_a_task_of_a_killed_worker_is_run_by_the_next_worker(
    queue: str, workers: Workers, tmp_path: Path
) -> None:
    log = tmp_path / "task.log"
    first = workers.start("first")
    send(queue, log)
    wait_for(lambda: "start" in lines(log), 30, "the first worker did not start the task", workers)

    workers.kill(first)  # SIGKILL mid-task: no ack, no reject, nothing said to the broker
    assert "done" not in lines(log)
    # Acknowledged late, the message is still the broker's, waiting as unacknowledged.
    assert redis.Redis.from_url(BROKER).hlen("unacked") >= 1

    began = time.monotonic()
    workers.start("second")
    wait_for(lambda: "done" in lines(log), 30, "the second worker did not finish it", workers)

    words = lines(log)
    assert words.count("start") == 2 and words.count("done") == 1
    first_pid, second_pid = words[1], words[3]
    assert first_pid != second_pid and words[5] == second_pid
    # Redelivered once the visibility timeout of the abandoned message had run out.
    assert time.monotonic() - began < VISIBILITY_TIMEOUT + 25


def test_a_task_whose_pool_process_is_killed_is_run_again_by_the_same_worker(
    queue: str, workers: Workers, tmp_path: Path
) -> None:
    log = tmp_path / "task.log"
    worker = workers.start("only")
    send(queue, log)
    wait_for(lambda: "start" in lines(log), 30, "the worker did not start the task", workers)

    os.kill(int(lines(log)[1]), signal.SIGKILL)  # the pool process running the task
    # CELERY_TASK_REJECT_ON_WORKER_LOST: the worker requeues the message at once.
    wait_for(lambda: "done" in lines(log), 20, "the worker did not run it again", workers)

    words = lines(log)
    assert words.count("start") == 2 and words.count("done") == 1
    assert words[1] != words[3]  # a fresh pool process ran it
    assert worker.poll() is None  # the worker itself lived on
