"""Iran's official calendar ships with the product (decision 0035): deadlines skip the
official, province-wide and local days off with nothing typed in."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from shahrvand.common.jalali import jalali_to_gregorian
from shahrvand.deadlines import official
from shahrvand.deadlines.business_hours import TEHRAN
from shahrvand.deadlines.calendar import calendar_for
from shahrvand.deadlines.models import Holiday
from shahrvand.deadlines.selectors import holidays_in_year
from shahrvand.tenancy.models import Role
from tests.categories import factories as categories_factories
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

LUNAR_OCCASIONS = {
    "Tasua",
    "Ashura",
    "Arbaeen",
    "Demise of the Prophet and martyrdom of Imam Hasan",
    "Martyrdom of Imam Reza",
    "Martyrdom of Imam Hasan Askari",
    "Birthday of the Prophet and Imam Sadiq",
    "Martyrdom of Fatemeh Zahra",
    "Birthday of Imam Ali",
    "Mab'ath",
    "Birthday of Imam Mahdi (15 Sha'ban)",
    "Martyrdom of Imam Ali",
    "Eid al-Fitr",
    "Eid al-Fitr holiday",
    "Martyrdom of Imam Sadiq",
    "Eid al-Adha",
    "Eid al-Ghadir",
}


def j(year: int, month: int, day: int) -> dt.date:
    return jalali_to_gregorian(year, month, day)


def at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), TEHRAN)


@pytest.mark.django_db
def test_a_deadline_across_nowruz_1406_skips_the_official_holidays(city, monkeypatch):
    assert not Holiday.objects.exists()  # nothing typed in
    lamp = categories_factories.category(city, "lamp", "lighting", target_hours=8)
    thursday = j(1405, 12, 27)  # Thursday 18 March 2027, 11:00: one working hour left
    monkeypatch.setattr(timezone, "now", lambda: at(thursday, 11).astimezone(dt.UTC))
    report = reports_factories.report(city, lamp)
    # Thu 1 h; Fri closed; Sat 29 Esfand (oil nationalisation) and Sun–Wed 1–4 Farvardin
    # (Nowruz) official; Thu 5 Farvardin 4 h; Fri closed; Sat 7 Farvardin 3 h → 11:00.
    assert report.deadline == at(j(1406, 1, 7), 11)
    holidays = calendar_for(city.pk).holidays
    assert {j(1405, 12, 29), *(j(1406, 1, d) for d in (1, 2, 3, 4, 12, 13))} <= holidays


def test_solar_holidays_are_computed_for_any_year():
    for year in (1390, 1406, 1420, 1450):
        dates = {h.jalali[5:] for h in official.solar_holidays(year)}
        assert {"01-01", "01-02", "01-03", "01-04", "01-12", "01-13"} <= dates
        assert {"03-14", "03-15", "11-22", "12-29"} <= dates
    assert "12-30" in {h.jalali[5:] for h in official.solar_holidays(1403)}  # leap year
    assert "12-30" not in {h.jalali[5:] for h in official.solar_holidays(1404)}


def test_lunar_holidays_of_1405_are_present_with_their_source():
    lunar = official.lunar_holidays(1405)
    assert {h.name_en for h in lunar} >= LUNAR_OCCASIONS
    by_name = {h.name_en: h for h in lunar}
    # Published in the official calendar of 1405.
    assert by_name["Tasua"].jalali == "1405-04-03" and not by_name["Tasua"].estimated
    assert by_name["Ashura"].jalali == "1405-04-04"
    assert by_name["Eid al-Adha"].jalali == "1405-03-06"
    assert all(h.kind == official.LUNAR and h.source for h in lunar)
    assert all("مرکز تقویم" in h.source for h in lunar if not h.estimated)


def test_lunar_data_covers_every_occasion_of_1403_to_1410():
    assert official.lunar_years() == (1403, 1410)
    for year in range(1403, 1411):
        assert {h.name_en for h in official.lunar_holidays(year)} >= LUNAR_OCCASIONS, year
    data = json.loads(official.DATA_FILE.read_text(encoding="utf-8"))
    for row in data["holidays"]:
        assert set(row) >= {"jalali", "name_fa", "name_en", "kind", "source", "status"}
        assert row["status"] in ("official", "estimated")
        year, month, day = (int(p) for p in row["jalali"].split("-"))
        j(year, month, day)  # a real Jalali date


@pytest.mark.django_db
def test_a_province_closure_applies_to_every_municipality_of_the_province(city):
    second = tenancy_factories.municipality("karaj", lat=35.8, lon=50.9)
    elsewhere = tenancy_factories.municipality("mashhad", lat=36.3, lon=59.6)
    elsewhere.province = "خراسان رضوی"
    elsewhere.save()
    calendar_for(city.pk)  # cached before the closure: the save must drop it
    closure = Holiday.objects.create(
        province=city.province, jalali="1405/09/23", title="آلودگی هوا", source="استانداری"
    )
    assert city.province == second.province
    assert closure.date in calendar_for(city.pk).holidays
    assert closure.date in calendar_for(second.pk).holidays
    assert closure.date not in calendar_for(elsewhere.pk).holidays
    kinds = {(d.jalali, d.kind) for d in holidays_in_year(second, 1405)}
    assert ("1405-09-23", "province") in kinds


@pytest.mark.django_db
def test_local_holidays_stay_local(city):
    neighbour = tenancy_factories.municipality("karaj", lat=35.8, lon=50.9)
    day = Holiday.objects.create(municipality=city, jalali="1405/09/24", title="سالروز شهر")
    assert day.date in calendar_for(city.pk).holidays
    assert day.date not in calendar_for(neighbour.pk).holidays


@pytest.mark.django_db
def test_the_staff_page_shows_the_official_days_read_only_beside_local_ones(client, city):
    local = Holiday.objects.create(municipality=city, jalali="1405/09/24", title="سالروز شهر")
    client.force_login(tenancy_factories.staff(city, Role.MUNICIPALITY_ADMIN))
    page = client.get("/staff/holidays/?year=1405").content.decode()
    assert "تاسوعای حسینی" in page and "آغاز نوروز" in page and "سالروز شهر" in page
    assert "۱۴۰۵/۰۴/۰۳" in page  # Persian digits on the page
    assert page.count("/delete/") == 1 and f"/staff/holidays/{local.pk}/delete/" in page
