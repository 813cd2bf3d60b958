"""Waking Celery tasks after a commit without letting the broker slow or fail a request.

The wake-ups (webhooks, notifications) only make work happen sooner: the same work is
found by the beat's periodic run from the outbox, so a lost wake-up delays messages,
never loses them. A request therefore only records "wake task X"; one background thread
per process sends the wake-ups (the kicks of the same task within COALESCE_SECONDS
coalesce into one message). While the broker is unreachable, sends are skipped for a short pause
instead of paying kombu's connection timeout again and again.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from typing import Any

log = logging.getLogger(__name__)
PAUSE_AFTER_FAILURE = 10.0  # seconds without trying the broker after a failed send
COALESCE_SECONDS = 0.25  # at most one wake-up per task per process in this time

_lock = threading.Condition()
_pending: dict[str, Any] = {}
_thread_pid: int | None = None
_down_until = 0.0


def send_now(task: Any) -> bool:
    """Queue `task` once, unless the broker recently failed; False if not queued."""
    global _down_until
    if time.monotonic() < _down_until:
        return False
    try:
        task.apply_async(retry=False)
    except Exception as exc:  # kombu/redis raise several types; all mean "not queued now"
        _down_until = time.monotonic() + PAUSE_AFTER_FAILURE
        log.warning("broker unavailable, %s left to the periodic run: %s", task.name, exc)
        return False
    _down_until = 0.0
    return True


def _run() -> None:
    while True:
        with _lock:
            while not _pending:
                _lock.wait()
            batch = list(_pending.values())
            _pending.clear()
        for task in batch:
            send_now(task)
        # Kicks that arrive meanwhile wait and coalesce: under load one wake-up per task
        # per interval, and the woken task drains a whole batch (messages sent up to this
        # much later; each kick costs the web process a broker publish, ~1 ms of CPU).
        time.sleep(COALESCE_SECONDS)


def send_quietly(task: Any) -> None:
    """Ask for `task` to be queued soon, from a background thread; never blocks or raises."""
    global _thread_pid
    with _lock:
        _pending[task.name] = task
        if _thread_pid != os.getpid():  # first kick in this (possibly forked) process
            _thread_pid = os.getpid()
            threading.Thread(target=_run, name="shahrvand-broker-kick", daemon=True).start()
        _lock.notify()
