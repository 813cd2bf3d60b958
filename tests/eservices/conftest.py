from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from shahrvand.eservices.services import clock
from shahrvand.tenancy.models import Municipality

from .helpers import SATURDAY_8, city_with_units


class Clock:
    """A hand-moved clock for the engine."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now

    def set(self, moment: dt.datetime) -> dt.datetime:
        self.now = moment
        return moment


@pytest.fixture
def eclock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    moved = Clock(SATURDAY_8)
    now: Callable[[], dt.datetime] = lambda: moved.now  # noqa: E731
    monkeypatch.setattr(clock, "now", now)
    return moved


@pytest.fixture
def ecity(db: None) -> Municipality:
    return city_with_units("ecity")
