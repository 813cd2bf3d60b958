"""search_reports narrows the queryset it is given and never adds a report to it."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import Report
from shahrvand.search.backend import search_reports
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_a_report_of_another_municipality_is_never_returned(city, pothole):
    other = tenancy_factories.municipality("othercity")
    mine = reports_factories.report(city, pothole, description="چاله خیابان")
    reports_factories.report(other, description="چاله خیابان")
    scoped = Report.objects.filter(municipality=city)
    assert list(search_reports(scoped, "چاله")) == [mine]
    assert list(search_reports(scoped, "چاله", rank=True)) == [mine]


def test_other_filters_on_the_queryset_are_kept(city, pothole):
    high = reports_factories.report(city, pothole, description="چاله خیابان", priority="high")
    reports_factories.report(city, pothole, description="چاله خیابان")
    assert list(search_reports(Report.objects.filter(priority="high"), "چاله")) == [high]


def test_the_result_can_be_filtered_counted_and_used_as_a_subquery(city, pothole):
    a = reports_factories.report(city, pothole, description="چاله خیابان")
    reports_factories.report(city, pothole, description="درخت")
    found = search_reports(Report.objects.all(), "چاله", rank=True)
    assert found.count() == 1
    assert list(Report.objects.filter(pk__in=found.values("pk"))) == [a]
    assert list(found.filter(priority="normal").values_list("pk", flat=True)) == [a.pk]
