"""SQLite only: when a reports migration rebuilds the table (dropping its triggers), the
post-migrate repair re-creates them and re-indexes every report."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import post_migrate

from shahrvand.reports.models import Report
from shahrvand.search import sql

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL has no triggers"),
]


def _drop_triggers() -> None:
    with connection.cursor() as cursor:
        for name in sql.SQLITE_TRIGGERS:
            cursor.execute(f"DROP TRIGGER {name}")


def test_missing_triggers_are_recreated_and_the_index_rebuilt(find, write):
    report = write("چاله")
    _drop_triggers()
    Report.objects.filter(pk=report.pk).update(search_text="درخت")
    added = write("آسفالت")
    assert find("درخت") == set() and find("آسفالت") == set()  # stale without triggers

    post_migrate.send(
        sender=apps.get_app_config("reports"),
        app_config=apps.get_app_config("reports"),
        verbosity=0,
        interactive=False,
        using=connection.alias,
        apps=apps,
        plan=[],
    )

    assert find("درخت") == {"چاله"}
    assert find("آسفالت") == {added.description}
    assert find("چاله") == set()
    Report.objects.filter(pk=added.pk).update(search_text="تیر برق")
    assert find("برق") == {"آسفالت"}  # triggers work again


def test_repair_is_a_no_op_when_nothing_is_missing(write):
    write("چاله")
    assert sql.repair_sqlite(connection) is False
