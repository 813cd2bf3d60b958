"""The applicant's number encrypted at rest, with a blind index for "my cases"; existing
rows are encrypted and indexed in place."""

from django.db import migrations

import shahrvand.security.fields
from shahrvand.security.pii import blind_index


def encrypt_existing(apps, schema_editor):
    Case = apps.get_model("eservices", "Case")
    # Reads return legacy clear values unchanged; update() encrypts through the field.
    for pk, phone in Case.objects.values_list("pk", "applicant_phone").iterator():
        Case.objects.filter(pk=pk).update(
            applicant_phone=phone, applicant_phone_index=blind_index(phone)
        )


class Migration(migrations.Migration):
    dependencies = [("eservices", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="applicant_phone_index",
            field=shahrvand.security.fields.BlindIndexField(
                blank=True, db_index=True, editable=False, max_length=64, source="applicant_phone"
            ),
        ),
        migrations.AlterField(
            model_name="case",
            name="applicant_phone",
            field=shahrvand.security.fields.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
