"""The index follows search_text however it is written: services, bulk update, deletion."""

from __future__ import annotations

import pytest
from django.db import connection

from shahrvand.reports.models import Report

from .conftest import indexed

pytestmark = pytest.mark.django_db


def test_a_bulk_update_of_search_text_is_searched(find, write):
    report = write("چاله")
    Report.objects.filter(pk=report.pk).update(search_text="درخت افتاده")
    assert find("چاله") == set()
    assert find("درخت") == {"چاله"}


def test_saving_other_fields_keeps_the_index(find, write):
    report = write("چاله")
    report.priority = "high"
    report.save()
    assert find("چاله") == {"چاله"}


def test_a_deleted_report_leaves_the_index(write):
    report = write("چاله عمیق")
    assert indexed(report.pk) == {"چاله", "عمیق"}
    with connection.cursor() as cursor:  # history is append-only: remove it by hand
        cursor.execute("DELETE FROM reports_reportevent WHERE report_id = %s", [report.pk])
    Report.objects.filter(pk=report.pk).delete()
    assert indexed(report.pk) == set()
