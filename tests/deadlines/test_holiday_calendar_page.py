"""Municipality admins keep the Jalali holiday calendar; deadlines follow it."""

from __future__ import annotations

import pytest

from shahrvand.deadlines.calendar import calendar_for
from shahrvand.deadlines.models import Holiday
from shahrvand.tenancy.models import Role
from tests.tenancy import factories as tenancy_factories

pytestmark = pytest.mark.django_db


def test_admin_adds_and_removes_a_holiday(client, city):
    admin = tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN)
    client.force_login(admin)
    response = client.post("/staff/holidays/", {"jalali": "۱۴۰۵/۰۹/۱۰", "title": "تعطیل محلی"})
    assert response.status_code == 302
    holiday = Holiday.objects.get(municipality=city)
    assert holiday.date in calendar_for(city.pk).holidays
    again = client.post("/staff/holidays/", {"jalali": "1405/09/10", "title": "دوباره"})
    assert again.status_code == 400 and "پیش‌تر ثبت شده" in again.content.decode()
    bad = client.post("/staff/holidays/", {"jalali": "1405/14/40", "title": "x"})
    assert bad.status_code == 400 and "وجود ندارد" in bad.content.decode()
    client.post(f"/staff/holidays/{holiday.pk}/delete/")
    assert not Holiday.objects.exists()
    assert holiday.date not in calendar_for(city.pk).holidays


def test_only_admins_of_that_city_manage_it(client, city):
    other = tenancy_factories.municipality("other", lat=36.3, lon=59.6)
    theirs = Holiday.objects.create(municipality=other, jalali="1405/09/11", title="x")
    province = Holiday.objects.create(province="تهران", jalali="1405/09/12", title="آلودگی هوا")
    client.force_login(tenancy_factories.staff(city, Role.DISPATCHER))
    assert client.get("/staff/holidays/").status_code == 403
    client.force_login(tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN))
    page = client.get("/staff/holidays/").content.decode()
    assert "آلودگی هوا" in page and "۱۴۰۵/۰۹/۱۱" not in page
    client.post(f"/staff/holidays/{theirs.pk}/delete/")
    client.post(f"/staff/holidays/{province.pk}/delete/")
    assert Holiday.objects.count() == 2
