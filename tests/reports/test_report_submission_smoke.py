import pytest

from shahrvand.reports.models import Report
from tests.reports import factories as reports_factories


@pytest.mark.django_db
def test_report_created_with_code_district_and_history(city, pothole):
    report = reports_factories.report(city, pothole, description="چاله  بزرگ ي")
    assert Report.objects.count() == 1
    assert report.district.number == 1
    assert report.description == "چاله بزرگ ی"
    assert len(report.tracking_code) == 12
    assert report.events.count() == 1
    assert report.h3_cell
