"""The rollup builder reads reports by (municipality, day received): without this index each
partition rebuild scans every municipality's reports of those days (see decision 0005).
The index lives on the reports table but serves analytics only, so analytics owns it."""

from django.db import migrations

SQL = (
    "CREATE INDEX IF NOT EXISTS analytics_report_muni_created "
    "ON reports_report (municipality_id, created_at)"
)


class Migration(migrations.Migration):
    dependencies = [
        ("analytics", "0002_province_totals"),
        ("reports", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(SQL, "DROP INDEX IF EXISTS analytics_report_muni_created"),
    ]
