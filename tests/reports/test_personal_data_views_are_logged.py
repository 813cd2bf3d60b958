"""Staff see reporters masked; a full view is on purpose and logged, in the UI and the API."""

from __future__ import annotations

import pytest

from shahrvand.api.models import ApiToken
from shahrvand.reports.models import AppendOnlyError, PersonalDataAccess
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(city, pothole):
    report = reports_factories.report(
        city, pothole, reporter_name="زهرا", reporter_phone="09123456789"
    )
    staff = tenancy_factories.staff(city, Role.DISPATCHER)
    return report, staff


def test_report_page_masks_until_revealed_and_logs_the_reveal(client, setup):
    report, staff = setup
    client.force_login(staff)
    page = client.get(f"/staff/reports/{report.tracking_code}/").content.decode()
    assert "۰۹۱۲*****۸۹" in page and "زهرا" not in page and "۰۹۱۲۳۴۵۶۷۸۹" not in page
    assert not PersonalDataAccess.objects.exists()
    page = client.get(f"/staff/reports/{report.tracking_code}/", {"reveal": "1"}).content.decode()
    assert "زهرا" in page and "۰۹۱۲۳۴۵۶۷۸۹" in page
    entry = PersonalDataAccess.objects.get()
    assert (entry.user, entry.report, entry.channel) == (staff, report, "ui")
    assert entry.fields == "reporter_name,reporter_phone"


def test_api_list_is_masked_and_detail_is_logged(client, setup):
    report, staff = setup
    _, raw = ApiToken.issue(user=staff, name="t")
    headers = {"Authorization": f"Bearer {raw}"}
    listed = client.get("/api/v1/staff/reports", headers=headers).json()["items"][0]
    assert listed["reporter_phone"] == "0912*****89" and listed["reporter_name"] == ""
    assert not PersonalDataAccess.objects.exists()
    detail = client.get(f"/api/v1/staff/reports/{report.tracking_code}", headers=headers).json()
    assert detail["reporter_phone"] == "09123456789"
    assert PersonalDataAccess.objects.get().channel == "api"


def test_anonymous_reports_log_nothing_and_log_is_append_only(client, city, pothole, setup):
    _, staff = setup
    anonymous = reports_factories.report(city, pothole)
    client.force_login(staff)
    client.get(f"/staff/reports/{anonymous.tracking_code}/", {"reveal": "1"})
    assert not PersonalDataAccess.objects.filter(report=anonymous).exists()
    report, _ = setup
    client.get(f"/staff/reports/{report.tracking_code}/", {"reveal": "1"})
    entry = PersonalDataAccess.objects.get()
    with pytest.raises(AppendOnlyError):
        entry.save()
