"""The staff mining page: scoped to the user's municipality, lists what mining found, and
lets the responsible manager acknowledge an alert."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from shahrvand.analytics.mining.alerts import raise_alerts
from shahrvand.analytics.mining.models import Alert
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import local, report_at


def _login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def city():
    muni = tenancy_factories.municipality()
    dept = tenancy_factories.department(muni, "cleaning")
    waste = categories_factories.category(muni, "bins", "waste", dept=dept)
    today = timezone.localdate()
    for i in range(3):
        report_at(
            muni,
            waste,
            local(today - dt.timedelta(days=i)),
            address="خیابان آزادی پلاک ۱۲",
            description="اسکوتر برقی رها شده در پیاده رو",
        )
    for _ in range(12):
        report_at(muni, waste, local(today), where=(35.66, 51.36), description="زباله جمع نشده")
    raise_alerts(day=today)
    return {
        "muni": muni,
        "dept": dept,
        "manager": tenancy_factories.staff(muni, Role.DEPARTMENT_MANAGER, dept=dept),
    }


@pytest.mark.django_db
def test_page_lists_alert_recurring_address_and_terms(city):
    page = _login(city["manager"]).get("/staff/mining/?days=7")
    assert page.status_code == 200
    html = page.content.decode()
    assert "هشدارهای جهش" in html and "پسماند و نظافت شهری" in html
    assert "خیابان آزادی پلاک ۱۲" in html
    assert "اسکوتر برقی" in html
    assert "<script>" not in html and "style=" not in html


@pytest.mark.django_db
def test_manager_acknowledges_from_the_page(city):
    alert = Alert.objects.get()
    response = _login(city["manager"]).post(f"/staff/mining/alerts/{alert.pk}/ack")
    assert response.status_code == 302
    alert.refresh_from_db()
    assert alert.acknowledged_by == city["manager"]


@pytest.mark.django_db
def test_other_municipality_staff_cannot_see_or_acknowledge(city):
    other = tenancy_factories.municipality()
    outsider = tenancy_factories.staff(other, Role.MUNICIPALITY_ADMIN)
    client = _login(outsider)
    assert client.get(f"/staff/mining/?municipality={city['muni'].slug}").status_code == 403
    alert = Alert.objects.get()
    assert client.post(f"/staff/mining/alerts/{alert.pk}/ack").status_code == 404
    assert Alert.objects.get().acknowledged_at is None


@pytest.mark.django_db
def test_field_staff_have_no_mining_page(city):
    crew = tenancy_factories.staff(city["muni"], Role.FIELD_STAFF, dept=city["dept"])
    assert _login(crew).get("/staff/mining/").status_code == 403


@pytest.mark.django_db
def test_province_supervisor_picks_a_municipality_but_cannot_acknowledge(city):
    tenancy_factories.municipality()  # another one, listed first or not
    supervisor = tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR)
    client = _login(supervisor)
    page = client.get(f"/staff/mining/?municipality={city['muni'].slug}&days=7")
    assert page.status_code == 200
    html = page.content.decode()
    assert city["muni"].name_fa in html and "پسماند و نظافت شهری" in html
    assert "بررسی شد</button>" not in html
    assert client.get("/staff/mining/?municipality=nowhere").status_code == 404
