"""Call-centre operators register phone reports and see the caller's earlier reports."""

from __future__ import annotations

import pytest

from shahrvand.reports.models import Report
from shahrvand.tenancy.models import District, Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator(city):
    return tenancy_factories.staff(city, Role.OPERATOR)


def intake_data(city, **overrides):
    data = {
        "caller_phone": "0912 111 2233",
        "caller_name": "علی",
        "district": str(District.objects.get(municipality=city, number=2).pk),
        "address": "خیابان آزادی، کوچه سوم",
        "category": "pothole",
        "priority": "high",
        "description": "چاله خطرناک",
    }
    data.update(overrides)
    return data


def test_operator_registers_phone_report_and_reads_back_code(client, city, pothole, operator):
    client.force_login(operator)
    response = client.post("/staff/intake/", intake_data(city))
    assert response.status_code == 302
    report = Report.objects.get()
    assert report.channel == "phone"
    assert report.created_by == operator
    assert report.reporter_phone == "09121112233"
    assert report.priority == "high"
    assert report.district.number == 2
    done = client.get(response["Location"]).content.decode()
    assert report.tracking_code in done


def test_intake_errors_are_specific(client, city, pothole, operator):
    client.force_login(operator)
    response = client.post("/staff/intake/", intake_data(city, district="", address=""))
    assert response.status_code == 400
    body = response.content.decode()
    assert "منطقه را انتخاب کنید." in body and "نشانی را بنویسید." in body
    assert Report.objects.count() == 0


def test_caller_history_lists_earlier_reports_of_same_number(client, city, pothole, operator):
    old = reports_factories.report(city, pothole, reporter_phone="09121112233")
    reports_factories.report(city, pothole, reporter_phone="09350000000")
    client.force_login(operator)
    response = client.get("/staff/intake/caller/", {"caller_phone": "+98 912 111 2233"})
    body = response.content.decode()
    shown = old.tracking_code.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
    assert shown in body
    assert Report.objects.count() == 2 and body.count("<li>") == 1


def test_field_staff_cannot_register_phone_reports(client, city, pothole):
    crew = tenancy_factories.staff(city, Role.FIELD_STAFF, dept=tenancy_factories.department(city))
    client.force_login(crew)
    assert client.post("/staff/intake/", intake_data(city)).status_code == 403
    assert Report.objects.count() == 0


def test_anonymous_is_sent_to_login(client, db):
    response = client.get("/staff/intake/")
    assert response.status_code == 302 and "/staff/login/" in response["Location"]
