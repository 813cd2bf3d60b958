"""The same address (however spelt) or the same spot, reported again and again."""

from __future__ import annotations

import datetime as dt

import pytest

from shahrvand.analytics.mining.recurring import address_key, find_recurring
from shahrvand.analytics.mining.window import Window
from tests.categories import factories as categories_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import local, report_at

DAY = dt.date(2026, 11, 10)


def test_address_spellings_compare_equal_but_house_numbers_do_not():
    a = address_key("خیابان آزادی، پلاک ۱۲")
    assert a == address_key("خيابان  آزادي - پلاک 12")
    assert a == "خیابان ازادی پلاک 12"
    assert a != address_key("خیابان آزادی، پلاک ۱۳")


@pytest.mark.django_db
def test_three_reports_at_one_address_recur_and_two_do_not():
    muni = tenancy_factories.municipality()
    waste = categories_factories.category(muni, "bins", "waste")
    spelt = ["خیابان آزادی، پلاک ۱۲", "خيابان آزادي پلاک 12", "خیابان آزادی - پلاک ۱۲"]
    points = [(35.66, 51.36), (35.68, 51.37), (35.70, 51.38)]  # far apart: no shared spot
    for i, (address, point) in enumerate(zip(spelt, points, strict=True)):
        report_at(muni, waste, local(DAY - dt.timedelta(days=i)), where=point, address=address)
    for i in range(2):
        report_at(muni, waste, local(DAY), where=(35.72, 51.42 + 0.01 * i), address="میدان انقلاب")

    found = find_recurring(municipality_id=muni.pk, window=Window.ending(DAY, 30))

    assert [(p.kind, p.code, p.count) for p in found] == [("address", "waste", 3)]
    assert found[0].first == local(DAY - dt.timedelta(days=2))
    assert found[0].last == local(DAY)


@pytest.mark.django_db
def test_one_spot_reported_three_times_recurs_even_with_different_addresses():
    muni = tenancy_factories.municipality()
    road = categories_factories.category(muni, "pothole", "road")
    for i in range(3):
        report_at(
            muni, road, local(DAY), where=(35.7001, 51.3801 + 0.00005 * i), address=f"کوچه {i}"
        )

    found = find_recurring(municipality_id=muni.pk, window=Window.ending(DAY, 30))

    assert [(p.kind, p.code, p.count) for p in found] == [("spot", "road", 3)]
    assert len(found[0].tracking_codes) == 3
