from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.db.models import QuerySet

from shahrvand.reports.models import Report
from shahrvand.search.backend import search_reports
from shahrvand.tenancy.models import Municipality
from tests.reports import factories as reports_factories

Find = Callable[..., set[str]]


@pytest.fixture
def find() -> Find:
    """Descriptions of the reports `search_reports` returns (from all reports by default)."""

    def _find(text: str, queryset: QuerySet[Report] | None = None) -> set[str]:
        reports = Report.objects.all() if queryset is None else queryset
        return {r.description for r in search_reports(reports, text)}

    return _find


@pytest.fixture
def write(city: Municipality, pothole: object) -> Callable[[str], Report]:
    """A report through intake (so its text is normalised as in production)."""

    def _write(description: str) -> Report:
        return reports_factories.report(city, pothole, description=description)

    return _write


def indexed(report_id: int) -> set[str]:
    """The words the database index holds for one report (for parity tests)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT unnest(tsvector_to_array(search_document)) "
                "FROM reports_report WHERE id = %s",
                [report_id],
            )
        else:
            cursor.execute(
                "CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab "
                "USING fts5vocab(main, search_reportfts, instance)"
            )
            cursor.execute("SELECT term FROM temp.search_vocab WHERE doc = %s", [report_id])
        return {row[0] for row in cursor.fetchall()}
