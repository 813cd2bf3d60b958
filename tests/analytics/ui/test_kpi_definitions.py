"""KPI definitions inside the product (issue #16 item 8): one registry
(analytics/definitions.py) behind the Persian page, every card/chart/table link and the
table in docs/kpis.md."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from django.http import QueryDict
from django.test import Client

from shahrvand.analytics import definitions
from shahrvand.analytics.selectors.types import KpiRow, ScoreRow
from shahrvand.analytics.views import charts
from shahrvand.analytics.views.cards import COLUMN_DEFINITIONS, KPI_COLUMNS
from shahrvand.analytics.views.period import parse_period
from shahrvand.tenancy.models import Role
from tests.tenancy import factories as tenancy_factories

from .conftest import ABAN, City
from .test_dashboard_numbers import login

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
LINK = re.compile(r'href="/analytics/definitions/#(kpi-[a-z0-9_]+)"')
IDENTITY = {"key", "label_fa", "municipality_slug", "kind", "kpi"}


def covered() -> set[str]:
    return {f for d in definitions.DEFINITIONS for f in d.fields}


def test_every_kpi_the_selectors_compute_has_a_definition():
    computed = {f.name for f in dataclasses.fields(KpiRow)} - IDENTITY
    scored = {f.name for f in dataclasses.fields(ScoreRow)} - IDENTITY | {"n", "ranked"}
    assert computed - covered() == set()
    assert scored - covered() == set()
    # Each KPI column of the tables names an existing definition.
    assert {attr for attr, _, _ in KPI_COLUMNS} <= set(COLUMN_DEFINITIONS)
    assert set(COLUMN_DEFINITIONS.values()) <= set(definitions.BY_KEY)


def test_every_definition_says_formula_what_counts_and_data_in_persian():
    assert len({d.key for d in definitions.DEFINITIONS}) == len(definitions.DEFINITIONS)
    for d in definitions.DEFINITIONS:
        for text in (d.name_fa, d.formula_fa, d.counts_fa, d.data_fa):
            assert re.search("[\u0600-\u06ff]", text), (d.key, text)
        assert d.name_en and d.formula_en


def test_docs_table_is_generated_from_the_registry():
    text = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    assert definitions.markdown() in text, (
        "docs/kpis.md is out of date: PYTHONPATH=src python -m shahrvand.analytics.definitions"
    )


def test_definitions_page_is_public_persian_and_has_an_anchor_per_kpi(client: Client, settings):
    settings.SHAHRVAND_RANKING_MIN_REPORTS = 25
    response = client.get("/analytics/definitions/")
    assert response.status_code == 200
    html = response.content.decode()
    for d in definitions.DEFINITIONS:
        assert f'id="{d.anchor}"' in html, d.key
        assert f'href="#{d.anchor}"' in html
    assert "دست‌کم ۲۵ گزارش" in html and "m = ۲۰" in html  # the configured ranking
    assert "{m}" not in html and "{min}" not in html


def anchors() -> set[str]:
    return {d.anchor for d in definitions.DEFINITIONS}


def check_links(html: str, *, public: bool = False) -> set[str]:
    """Every KPI card and every chart card links to an existing definition anchor; no
    link goes to a repository file."""
    assert "docs/kpis.md" not in html and "github.com" not in html
    cards = re.findall(r'<li class="kpi-card".*?</li>', html, re.S)
    sections = re.findall(r'<section class="card chart-card.*?</section>', html, re.S)
    for block in [*cards, *sections]:
        found = LINK.findall(block)
        assert found, block[:200]
        assert set(found) <= anchors(), found
    linked = set(LINK.findall(html))
    assert linked <= anchors()
    if public:
        staff_only = {d.anchor for d in definitions.DEFINITIONS if not d.public}
        assert linked & staff_only == set()
    return linked


def test_dashboard_units_and_scorecard_link_every_card_and_chart(
    client: Client, city: City, settings
):
    settings.SHAHRVAND_RANKING_MIN_REPORTS = 1  # so the league chart is drawn
    login(client, city)
    dashboard = client.get(f"/analytics/m/tehran/?{ABAN}").content.decode()
    linked = check_links(dashboard)
    assert {"kpi-received", "kpi-within_deadline", "kpi-trend", "kpi-backlog"} <= linked
    league = client.get(f"/analytics/m/tehran/units/?{ABAN}").content.decode()
    assert {"kpi-ranking", "kpi-interval", "kpi-score"} <= check_links(league)
    scorecard = client.get(
        f"/analytics/m/tehran/units/department-{city.civil.pk}/?{ABAN}"
    ).content.decode()
    assert "kpi-ranking" in check_links(scorecard)


def test_province_and_public_pages_link_every_card_chart_and_column(client: Client, city: City):
    client.force_login(tenancy_factories.staff(None, Role.PROVINCE_SUPERVISOR))
    province = client.get(f"/analytics/province/?{ABAN}").content.decode()
    assert {"kpi-per_10k", "kpi-within_deadline", "kpi-reopen_rate"} <= check_links(province)
    client.logout()
    public = client.get(f"/analytics/public/tehran/?{ABAN}").content.decode()
    assert {"kpi-units", "kpi-trend", "kpi-satisfaction"} <= check_links(public, public=True)


def test_every_chart_builder_names_a_definition(city: City):
    period = parse_period(QueryDict(ABAN))
    for builders, scope in (
        (charts.MUNICIPALITY_CHARTS, charts.Scope(city.municipality, period)),
        (
            charts.UNIT_CHARTS,
            charts.Scope(city.municipality, period, f"department:{city.civil.pk}"),
        ),
        (charts.PUBLIC_CHARTS, charts.Scope(city.municipality, period)),
        (charts.PROVINCE_CHARTS, charts.Scope(None, period)),
    ):
        for name, builder in builders.items():
            assert builder(scope).definition in definitions.BY_KEY, name
