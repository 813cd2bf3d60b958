"""Per-10k values on the province page are precise enough that cities which differ do not
look equal (issue #16 item 7): Persian digits, the Persian decimal separator «٫», as many
decimals as the column needs."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shahrvand.analytics.services.rollup import build_all
from shahrvand.analytics.views.cards import fa_fixed
from shahrvand.analytics.views.chart_data import Chart, Series
from shahrvand.tenancy.models import Role
from tests.reports import factories as reports_factories
from tests.tenancy import factories as tenancy_factories

from .conftest import ABAN, City, at
from .test_dashboard_numbers import chart_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def close_cities(city: City) -> City:
    """Tehran: 6 reports / 100,000 = 0.6 per 10k; Karaj: 6 / 101,000 = 0.594059… per 10k.
    One decimal would print both as «۰٫۶»."""
    karaj = tenancy_factories.municipality("karaj")
    karaj.population = 101_000
    karaj.save()
    for _ in range(6):
        r = reports_factories.report(karaj)
        type(r).objects.filter(pk=r.pk).update(created_at=at(5, 10))
    build_all()
    return city


def rate_texts(html: str) -> dict[str, str]:
    """slug → the shown text of the 'received per 10,000' column."""
    out = {}
    for slug, body in re.findall(r'<tr data-slug="([^"]+)"[^>]*>(.*?)</tr>', html, re.S):
        cells = re.findall(r'<td class="num" data-value="[^"]*">([^<]*)</td>', body)
        out[slug] = cells[1]  # population, then received per 10k
    return out


def test_cities_that_differ_slightly_do_not_look_equal(client: Client, close_cities: City):
    client.force_login(tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR))
    html = client.get(f"/analytics/province/?{ABAN}").content.decode()
    texts = rate_texts(html)
    # Three significant digits for 0.594: three decimals for the whole column.
    assert texts == {"tehran": "۰٫۶۰۰", "karaj": "۰٫۵۹۴"}
    chart = chart_data(html, "province")
    assert chart["series"][0]["values"] == [0.6, 0.5941]
    assert chart["decimals"] == 3  # labels and tooltips drawn with three decimals too
    table = re.search(r'id="province-title".*?</table>', html, re.S)
    assert table and "۰٫۵۹۴" in table.group(0)


def test_more_decimals_while_two_values_would_still_print_the_same():
    chart = Chart("c", "t", "hbar", "x", ["a", "b"], [Series("s", [5.2607, 5.2649])])
    assert chart.decimals == 3  # 5.26 and 5.26 at two decimals
    assert chart.table() == [("a", ["۵٫۲۶۱"]), ("b", ["۵٫۲۶۵"])]
    assert fa_fixed(1234.5, 2) == "۱٬۲۳۴٫۵۰"
    counts = Chart("c", "t", "bar", "x", ["a"], [Series("s", [3])])
    assert counts.decimals == 0 and counts.payload()["integer"] is True
