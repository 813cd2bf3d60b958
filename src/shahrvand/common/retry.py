"""One retry policy for everything sent to the outside (webhooks, SMS, email)."""

from __future__ import annotations

import datetime as dt

MAX_ATTEMPTS = 7
BASE_DELAY = 30  # seconds; then ×4 each time: 30 s, 2 min, 8 min, 32 min, ~2 h, ~8.5 h
LEASE = dt.timedelta(seconds=60)  # how long a worker holds an item it is sending


def backoff(attempts: int) -> dt.timedelta:
    """The wait before the next attempt, after `attempts` failed ones."""
    return dt.timedelta(seconds=BASE_DELAY * 4 ** max(attempts - 1, 0))
