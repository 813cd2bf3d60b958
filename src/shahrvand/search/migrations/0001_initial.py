"""The full-text index on reports' search_text (see shahrvand/search/sql.py)."""

import django.db.models.deletion
from django.db import migrations, models

import shahrvand.search.models
from shahrvand.search import sql


def create_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sql.create_sqlite(schema_editor.connection)


def drop_sqlite(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        sql.drop_sqlite(schema_editor.connection)


def create_pg_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql.create_postgresql(schema_editor.connection, index=False)


def drop_pg_function(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql.drop_postgresql(schema_editor.connection, index=False)


def create_pg_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql.create_postgresql(schema_editor.connection, index=True)


def drop_pg_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        sql.drop_postgresql(schema_editor.connection, index=True)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run in a transaction; the other steps ask for one.
    atomic = False

    initial = True

    dependencies = [
        ("reports", "0007_report_suggestion"),
    ]

    operations = [
        # The FTS5 table, for queries only (created below, on SQLite).
        migrations.CreateModel(
            name="ReportFts",
            fields=[
                (
                    "report",
                    models.OneToOneField(
                        db_column="rowid",
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="search_fts",
                        serialize=False,
                        to="reports.report",
                    ),
                ),
                ("document", shahrvand.search.models.FtsDocument(db_column="search_reportfts")),
                ("rank", models.FloatField()),
            ],
            options={
                "db_table": "search_reportfts",
                "managed": False,
            },
        ),
        migrations.RunPython(create_sqlite, drop_sqlite, atomic=True),
        migrations.RunPython(create_pg_function, drop_pg_function, atomic=True),
        migrations.RunPython(create_pg_index, drop_pg_index, atomic=False),
    ]
