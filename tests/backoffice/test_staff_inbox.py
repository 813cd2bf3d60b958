"""Staff read their in-app notifications (deadline warnings, assignments) in the inbox."""

from __future__ import annotations

import pytest

from shahrvand.notifications.models import Notification
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_inbox_lists_only_mine_and_marks_read(client, city, pothole):
    me = tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER, dept=pothole.department)
    other = tenancy_factories.staff(city, Role.DEPARTMENT_MANAGER, dept=pothole.department)
    report = reports_factories.report(city, pothole)
    mine = Notification.objects.create(
        user=me, municipality=city, report=report, title="مهلت گذشت", body="گزارش دیر شده"
    )
    Notification.objects.create(user=other, municipality=city, title="مال دیگری", body="x")
    client.force_login(me)
    page = client.get("/staff/inbox/").content.decode()
    assert "مهلت گذشت" in page and "مال دیگری" not in page and "اعلان‌ها (1)" in page
    client.post("/staff/inbox/read/")
    mine.refresh_from_db()
    assert mine.read_at is not None
    assert Notification.objects.filter(user=other, read_at__isnull=True).count() == 1
    assert "اعلان‌ها (1)" not in client.get("/staff/inbox/").content.decode()
