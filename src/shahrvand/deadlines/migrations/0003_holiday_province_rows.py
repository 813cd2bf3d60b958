"""Data step of the province-wide holidays (in its own migration: PostgreSQL refuses to
alter a table with pending trigger events from rows written in the same transaction)."""

from django.db import migrations


def province_rows(apps, schema_editor):
    """A row without a municipality used to mean "every municipality of the deployment";
    it becomes one province-wide row per province the deployment's municipalities name."""
    Holiday = apps.get_model("deadlines", "Holiday")
    Municipality = apps.get_model("tenancy", "Municipality")
    provinces = sorted(set(Municipality.objects.values_list("province", flat=True))) or ["تهران"]
    for row in Holiday.objects.filter(municipality__isnull=True, province=""):
        for province in provinces[1:]:
            if not Holiday.objects.filter(
                municipality__isnull=True, province=province, date=row.date
            ).exists():
                Holiday.objects.create(
                    province=province, jalali=row.jalali, date=row.date, title=row.title
                )
        if Holiday.objects.filter(
            municipality__isnull=True, province=provinces[0], date=row.date
        ).exists():
            row.delete()  # the same day entered twice: keep one
        else:
            row.province = provinces[0]
            row.save(update_fields=["province"])


class Migration(migrations.Migration):

    dependencies = [
        ('deadlines', '0002_holiday_province_and_source'),
        ('tenancy', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(province_rows, migrations.RunPython.noop),
    ]
