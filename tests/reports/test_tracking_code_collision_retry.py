"""A fresh tracking code that collides with a stored one is retried, not surfaced."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from shahrvand.reports import tracking
from shahrvand.reports.models import Report, ReportEvent
from tests.reports import factories as reports_factories

pytestmark = pytest.mark.django_db

_FRESH_BODY = "73737373737"
FRESH = _FRESH_BODY + str(tracking.damm_digit(_FRESH_BODY))


def test_report_create_retries_after_a_collision(city, pothole, monkeypatch):
    existing = reports_factories.report(city, pothole)
    assert existing.tracking_code != FRESH
    codes = iter([existing.tracking_code, FRESH])
    calls = []

    def scripted() -> str:
        code = next(codes)
        calls.append(code)
        return code

    monkeypatch.setattr(tracking, "new_code", scripted)

    report = reports_factories.report(city, pothole, description="گزارش دوم")

    assert calls == [existing.tracking_code, FRESH]
    assert report.tracking_code == FRESH
    assert Report.objects.count() == 2
    stored = Report.objects.get(tracking_code=FRESH)
    assert stored.pk == report.pk
    assert stored.description == "گزارش دوم"
    assert stored.events.count() == 1
    existing.refresh_from_db()
    assert existing.description != "گزارش دوم"


def test_report_create_gives_up_after_repeated_collisions(city, pothole, monkeypatch):
    existing = reports_factories.report(city, pothole)
    calls = []

    def always_taken() -> str:
        calls.append(1)
        return existing.tracking_code

    monkeypatch.setattr(tracking, "new_code", always_taken)

    with pytest.raises(IntegrityError):
        reports_factories.report(city, pothole, description="گزارش دوم")

    assert len(calls) == 5
    assert Report.objects.count() == 1
    assert ReportEvent.objects.count() == 1
