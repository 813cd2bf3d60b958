"""Migrations deadlines 0002–0004: a holiday without a municipality used to apply to every
municipality; it becomes one province-wide row per province, so nothing changes for them."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("deadlines", "0001_initial"), ("tenancy", "0001_initial")]
AFTER = [("deadlines", "0004_holiday_local_or_province")]


@pytest.fixture
def executor():
    """A migration executor; whatever the test does, the database ends at the latest
    migrations again (the tests after this one need them)."""
    yield MigrationExecutor(connection)
    latest = MigrationExecutor(connection)
    latest.migrate(latest.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_old_province_rows_become_one_row_per_province(executor):
    executor.migrate(BEFORE)
    apps = executor.loader.project_state(BEFORE).apps
    Municipality = apps.get_model("tenancy", "Municipality")
    Holiday = apps.get_model("deadlines", "Holiday")
    for slug, province in (("a", "تهران"), ("b", "تهران"), ("c", "البرز")):
        Municipality.objects.create(
            slug=slug, name_fa=slug, name_en=slug, province=province, center_lat=0, center_lon=0
        )
    day = dt.date(2026, 12, 14)
    Holiday.objects.create(jalali="1405/09/23", date=day, title="آلودگی هوا")
    Holiday.objects.create(jalali="1405/09/23", date=day, title="دوباره")  # entered twice
    local = Holiday.objects.create(
        municipality=Municipality.objects.get(slug="a"), jalali="1405/09/24",
        date=day + dt.timedelta(days=1), title="محلی",
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    Holiday = apps.get_model("deadlines", "Holiday")
    rows = set(Holiday.objects.filter(municipality__isnull=True).values_list("province", "date"))
    assert rows == {("تهران", day), ("البرز", day)}
    assert Holiday.objects.get(pk=local.pk).province == ""
