"""The municipality dashboard shows the rollup numbers of the hand-computed city."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client

from shahrvand.tenancy.models import Role
from tests.tenancy import factories as tenancy_factories

from .conftest import ABAN, City

pytestmark = pytest.mark.django_db


def login(client: Client, city: City, role: str = Role.MUNICIPALITY_ADMIN) -> None:
    client.force_login(tenancy_factories.staff(city.municipality, role))


def chart_data(html: str, key: str) -> dict[str, Any]:
    match = re.search(
        rf'<script id="{key}-data" type="application/json">(.*?)</script>', html, re.S
    )
    assert match, f"no data for chart {key}"
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def cards(html: str) -> dict[str, str]:
    found = re.findall(
        r'data-kpi="(\w+)"><span class="kpi-name">[^<]*</span><span class="kpi-value">([^<]*)', html
    )
    return {k: v.strip() for k, v in found}


def test_kpi_cards_show_the_hand_computed_numbers(client: Client, city: City):
    login(client, city)
    response = client.get(f"/analytics/m/tehran/?{ABAN}")
    assert response.status_code == 200
    html = response.content.decode()
    assert cards(html) == {
        "received": "۶",
        "open": "۲",
        "closed": "۴",
        "within_deadline": "۵۰٪",
        "median": "۱۰٫۲",  # 10.25 h shown with one decimal
        "p90": "۵۱",
        "satisfaction": "۴",
    }


def test_weekly_trend_and_deadline_compliance(client: Client, city: City):
    login(client, city)
    html = client.get(f"/analytics/m/tehran/?{ABAN}&by=week").content.decode()
    trend = chart_data(html, "trend")
    # Jalali weeks run Saturday–Friday: 1 Aban is a Friday, 30 Aban a Saturday.
    assert len(trend["labels"]) == 6
    assert trend["series"][0] == {
        "name": "دریافت‌شده",
        "values": [0, 2, 2, 2, 0, 0],
        "percent": False,
    }
    assert trend["series"][1]["values"] == [0, 2, 1, 1, 0, 0]
    compliance = chart_data(html, "compliance")
    assert compliance["series"][0]["values"] == [None, 50.0, 100.0, 0.0, None, None]
    assert compliance["series"][0]["percent"] is True


def test_monthly_trend_is_one_jalali_month(client: Client, city: City):
    login(client, city)
    html = client.get(f"/analytics/m/tehran/?{ABAN}&by=month").content.decode()
    trend = chart_data(html, "trend")
    assert trend["labels"] == ["آبان ۱۴۰۵"]
    assert trend["series"][0]["values"] == [6]


def test_categories_and_channels(client: Client, city: City):
    login(client, city)
    html = client.get(f"/analytics/m/tehran/?{ABAN}").content.decode()
    categories = chart_data(html, "categories")
    assert categories["labels"] == [
        "آسفالت و سواره‌رو",
        "آب، برق، گاز و مخابرات",
        "فضای سبز و درختان",
    ]
    assert categories["series"][0]["values"] == [3, 2, 1]
    assert categories["series"][1]["values"] == [2, 1, 1]
    channels = chart_data(html, "channels")
    assert dict(zip(channels["labels"], channels["series"][0]["values"], strict=True)) == {
        "وب": 3,
        "تلفن ۱۳۷": 2,
        "اپلیکیشن": 1,
    }


def test_a_bad_period_shows_a_persian_message_and_the_default(client: Client, city: City):
    login(client, city)
    response = client.get("/analytics/m/tehran/?from=1405/13/01&to=1405/08/30")
    assert response.status_code == 200
    html = response.content.decode()
    assert "تاریخ بازه درست نیست" in html
    assert "بازه پیش‌فرض" in html
