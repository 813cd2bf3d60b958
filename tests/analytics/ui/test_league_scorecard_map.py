"""League table, department scorecard and map data of the hand-computed city."""

from __future__ import annotations

import re

import h3
import pytest
from django.test import Client

from .conftest import ABAN, City
from .test_dashboard_numbers import cards, chart_data, login

pytestmark = pytest.mark.django_db


def test_league_table_ranks_units_by_shrunk_composite_score(client: Client, city: City, settings):
    # Six reports are below the default minimum (30); rank from 1 report for this city.
    settings.SHAHRVAND_RANKING_MIN_REPORTS = 1
    login(client, city)
    html = client.get(f"/analytics/m/tehran/units/?{ABAN}").content.decode()
    rows = re.findall(r'<tr data-key="([^"]+)">\s*<td class="num" data-value="(\d+)">', html)
    assert rows == [
        (f"department:{city.parks.pk}", "1"),
        (f"department:{city.civil.pk}", "2"),
        (f"agency:{city.water.pk}", "3"),
    ]
    # Mean (1·100 + 3·67.65 + 2·34.62) / 6 = 62.03; shrunk with m = 20: parks
    # (100 + 1240.63) / 21 = 63.84, civil (202.95 + 1240.63) / 23 = 62.76, water 59.54.
    assert 'data-value="63.84"><strong>۶۳٫۸</strong>' in html
    assert 'data-value="62.76"><strong>۶۲٫۸</strong>' in html
    assert 'data-value="59.54"><strong>۵۹٫۵</strong>' in html
    # The raw score with its 95 % interval, and n.
    assert 'data-value="67.65">۶۷٫۷<span class="score-band">' in html
    assert "میانگین شهرداری (۶۲)" in html
    # The weights are explained (defaults 35/15/15/15/20).
    assert "رسیدگی در مهلت: وزن ۳۵٪" in html
    assert "رضایت شهروند: وزن ۲۰٪" in html
    league = chart_data(html, "league")
    assert league["series"][0]["values"] == [63.84, 62.76, 59.54]


def test_league_table_lists_small_units_as_unranked(client: Client, city: City):
    login(client, city)
    html = client.get(f"/analytics/m/tehran/units/?{ABAN}").content.decode()
    ranked, unranked = html.split('id="unranked-table"')
    assert "<tr data-key=" not in ranked.split('id="league-table"')[1]
    assert "به حد نصاب ۳۰ گزارش نرسیده" in ranked
    # Parks: 1 report at 100 → unranked, shown with n = 1 and its interval (Wilson 1 of 1:
    # [1 / (1 + 1.96²), 1] = [20.65, 100]).
    keys = re.findall(r'<tr data-key="([^"]+)">', unranked)
    assert set(keys) == {
        f"department:{city.parks.pk}",
        f"department:{city.civil.pk}",
        f"agency:{city.water.pk}",
    }
    assert "بدون رتبه: گزارش کمتر از حد نصاب" in html
    assert '۱۰۰<span class="score-band">۲۰٫۶ تا ۱۰۰</span>' in unranked
    assert 'id="league-data"' not in html  # nothing ranked: the chart is empty


def test_scorecard_of_one_department(client: Client, city: City):
    login(client, city)
    url = f"/analytics/m/tehran/units/department-{city.civil.pk}/?{ABAN}&by=week"
    html = client.get(url).content.decode()
    assert "بدون رتبه" in html  # 3 reports < 30
    assert "n = ۳" in html and "بازهٔ اطمینان ۹۵٪" in html
    assert cards(html) == {
        "received": "۳",
        "open": "۱",
        "closed": "۲",
        "within_deadline": "۵۰٪",
        "median": "۱۰٫۲",  # 10 h and 30 h: nearest rank 1 of 2 → bucket [10, 10.5)
        "p90": "۳۱",  # 30 h → bucket [30, 32)
        "satisfaction": "۴",
    }
    trend = chart_data(html, "trend")
    assert trend["series"][0]["values"] == [0, 2, 1, 0, 0, 0]
    categories = chart_data(html, "categories")
    assert categories["labels"] == ["آسفالت و سواره‌رو"]


def test_scorecard_of_a_unit_of_another_municipality_is_404(client: Client, city: City):
    from tests.tenancy import factories as tenancy_factories

    other = tenancy_factories.department(tenancy_factories.municipality("karaj"), "roads")
    login(client, city)
    assert client.get(f"/analytics/m/tehran/units/department-{other.pk}/").status_code == 404
    assert client.get("/analytics/m/tehran/units/nonsense/").status_code == 404


def test_hexagons_are_h3_cells_with_their_counts(client: Client, city: City):
    login(client, city)
    geo = client.get(f"/analytics/m/tehran/map/hexes.geojson?{ABAN}").json()
    counts = {f["properties"]["cell"]: f["properties"]["count"] for f in geo["features"]}
    west = h3.latlng_to_cell(35.70, 51.37, 8)
    east = h3.latlng_to_cell(35.70, 51.43, 8)
    assert counts == {west: 3, east: 3}
    ring = geo["features"][0]["geometry"]["coordinates"][0]
    assert len(ring) == 7 and ring[0] == ring[-1]  # a closed hexagon, lon/lat order
    assert 51.3 < ring[0][0] < 51.5 and 35.6 < ring[0][1] < 35.8


def test_hexagons_of_one_standard_code(client: Client, city: City):
    login(client, city)
    geo = client.get(f"/analytics/m/tehran/map/hexes.geojson?{ABAN}&standard=utilities").json()
    assert [f["properties"]["count"] for f in geo["features"]] == [2]


def test_district_choropleth_per_10000_residents(client: Client, city: City):
    login(client, city)
    geo = client.get(f"/analytics/m/tehran/map/districts.geojson?{ABAN}").json()
    props = {f["properties"]["district"]: f["properties"] for f in geo["features"]}
    assert props[1]["received"] == 3 and props[1]["per_10k"] == 1.5
    assert props[2]["received"] == 3 and props[2]["per_10k"] == 0.6
    assert geo["features"][0]["geometry"]["type"] == "Polygon"
    html = client.get(f"/analytics/m/tehran/map/?{ABAN}").content.decode()
    assert "۱٫۵" in html and "۰٫۶" in html
