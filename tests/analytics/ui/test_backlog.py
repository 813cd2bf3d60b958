"""The backlog chart counts today's open reports by age, whatever period is picked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from shahrvand.analytics.services.rollup import build_all
from shahrvand.reports.models import Report
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .test_chart_csv import read_csv
from .test_dashboard_numbers import chart_data

pytestmark = pytest.mark.django_db


def test_open_reports_by_age_today(client: Client):
    city = tenancy_factories.municipality("tehran")
    now = timezone.now()
    for days, status in [(1, "assigned"), (10, "in_progress"), (45, "on_hold"), (5, "resolved")]:
        report = reports_factories.report_in_status(city, status)
        Report.objects.filter(pk=report.pk).update(created_at=now - dt.timedelta(days=days))
    build_all()
    client.force_login(tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER))
    chart = chart_data(client.get("/analytics/m/tehran/").content.decode(), "backlog")
    # 0–2 days: 1; 3–7: none (the 5-day-old one is resolved); 8–30: 1; 31–90: 1; 91+: 0.
    assert chart["series"][0]["values"] == [1, 0, 1, 1, 0]
    rows = read_csv(client, "/analytics/m/tehran/csv/backlog.csv")
    assert [(r[1], r[2], r[-1]) for r in rows[1:]] == [
        ("0", "2", "1"),
        ("3", "7", "0"),
        ("8", "30", "1"),
        ("31", "90", "1"),
        ("91", "", "0"),
    ]
    assert rows[1][4] == timezone.localdate().isoformat()
