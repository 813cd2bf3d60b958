from django.db import migrations


def load(apps, schema_editor):
    from shahrvand.categories.taxonomy import standard_rows

    model = apps.get_model("categories", "StandardCategory")
    for row in standard_rows():
        model.objects.update_or_create(code=row["code"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [("categories", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
