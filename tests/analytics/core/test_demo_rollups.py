"""load_demo leaves the rollups built, and they agree with the raw reports."""

from __future__ import annotations

import pytest
from django.db.models import Max, Min
from django.utils import timezone

from shahrvand.analytics import selectors
from shahrvand.demo.loader import load_demo
from shahrvand.reports.models import Report
from shahrvand.reports.workflow import OPEN_STATUSES
from shahrvand.tenancy.models import District, Municipality

pytestmark = pytest.mark.django_db


def test_demo_province_has_rollups_matching_its_reports() -> None:
    load_demo()
    tz = timezone.get_current_timezone()
    span = Report.objects.aggregate(lo=Min("created_at"), hi=Max("created_at"))
    first, last = span["lo"].astimezone(tz).date(), span["hi"].astimezone(tz).date()
    rows = {r.key: r for r in selectors.province_comparison(date_from=first, date_to=last)}
    assert set(rows) == set(Municipality.objects.values_list("slug", flat=True))
    for slug, row in rows.items():
        reports = Report.objects.filter(municipality__slug=slug)
        assert row.received == reports.count() > 0
        assert row.open == reports.filter(status__in=OPEN_STATUSES).count()
        assert row.population and row.per_10k is not None
    assert not District.objects.filter(population=0).exists()
    tehran = Municipality.objects.get(slug="tehran")
    league = selectors.league_table(municipality=tehran, date_from=first, date_to=last)
    assert league and league[0].score is not None
    assert {s.kind for s in league} == {"department", "agency"}
