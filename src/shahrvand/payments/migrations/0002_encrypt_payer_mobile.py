"""The payer's mobile number (sent to the gateway) encrypted at rest; existing rows in place."""

from django.db import migrations

import shahrvand.security.fields


def encrypt_existing(apps, schema_editor):
    Payment = apps.get_model("payments", "Payment")
    rows = Payment.objects.exclude(payer_mobile="").values_list("pk", "payer_mobile")
    for pk, mobile in rows.iterator():
        Payment.objects.filter(pk=pk).update(payer_mobile=mobile)


class Migration(migrations.Migration):
    dependencies = [("payments", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="payment",
            name="payer_mobile",
            field=shahrvand.security.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
