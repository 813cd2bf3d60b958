"""The embedded worker of `make run`: the same task functions Celery runs in production,
on a daemon thread, every few seconds and whenever work is kicked. Nothing to install.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.db import close_old_connections

log = logging.getLogger(__name__)
_jobs: dict[str, Callable[[], Any]] = {}
_wake = threading.Event()
_started = threading.Event()


def register(name: str, job: Callable[[], Any]) -> None:
    _jobs[name] = job


def wake() -> None:
    _wake.set()


def run_all() -> None:
    for name, job in list(_jobs.items()):
        try:
            job()
        except Exception:  # a failing job must never stop the others or the loop
            log.exception("embedded job %s failed", name)
        finally:
            close_old_connections()


def start(interval: float = 15.0) -> None:
    """Start the worker thread once per process."""
    if _started.is_set():
        return
    _started.set()

    def loop() -> None:
        while True:
            _wake.wait(timeout=interval)
            _wake.clear()
            run_all()

    threading.Thread(target=loop, name="shahrvand-embedded-worker", daemon=True).start()
