"""The Celery app the redelivery test starts real workers of (test_celery_redelivery.py).

It is the project's app (src/config/celery.py) with the project's settings, so the
workers run with the production CELERY_TASK_ACKS_LATE, CELERY_TASK_REJECT_ON_WORKER_LOST
and CELERY_WORKER_PREFETCH_MULTIPLIER; the broker comes from CELERY_BROKER_URL in the
environment, as in production. One thing is changed: an abandoned message comes back after
REDELIVERY_VISIBILITY_TIMEOUT seconds (the test gives 5) instead of 300, checked every
second, so the test is quick. Never imported by the test process itself.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

# The settings module must be chosen before the app reads it.
from config.celery import app

app.conf.broker_transport_options = {
    **app.conf.broker_transport_options,
    "visibility_timeout": int(os.environ["REDELIVERY_VISIBILITY_TIMEOUT"]),
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
    # A worker killed during its restore sweep leaves the sweep's lock behind: let it expire
    # in 2 s, not 300, or the next worker could not restore anything for five minutes.
    "unacked_mutex_expire": 2,
}
app.conf.worker_enable_remote_control = False  # no pidbox queues left behind in Redis


@app.task(name="tests.reliability.hold_once")
def hold_once(log_path: str) -> None:
    """Log "start <pid>"; on the first delivery hang (the test kills the worker here); on a
    later one log "done <pid>"."""
    log = Path(log_path)
    first = not log.exists()
    with log.open("a") as out:
        out.write(f"start {os.getpid()}\n")
    if first:
        time.sleep(300)
    with log.open("a") as out:
        out.write(f"done {os.getpid()}\n")
