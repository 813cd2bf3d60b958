"""Citizens' numbers encrypted at rest with a blind index for look-ups (accounts, one-time
code challenges, lockouts). Existing rows are encrypted and indexed in place; the indexes
become unique only once every row has one."""

from django.db import migrations

import shahrvand.security.fields
from shahrvand.security.pii import blind_index

MODELS = ("CitizenAccount", "OtpChallenge", "PhoneLock")


def encrypt_existing(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("identity", name)
        # Reads return legacy clear values unchanged; update() encrypts through the field.
        for pk, phone in model.objects.values_list("pk", "phone").iterator():
            model.objects.filter(pk=pk).update(phone=phone, phone_index=blind_index(phone))


def _index(**options):
    return shahrvand.security.fields.BlindIndexField(
        blank=True, editable=False, max_length=64, source="phone", **options
    )


class Migration(migrations.Migration):
    dependencies = [("identity", "0001_initial")]

    operations = [
        *(
            migrations.AddField(model_name=name.lower(), name="phone_index", field=_index())
            for name in MODELS
        ),
        *(
            migrations.AlterField(
                model_name=name.lower(),
                name="phone",
                field=shahrvand.security.fields.EncryptedTextField(),
            )
            for name in MODELS
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="citizenaccount", name="phone_index", field=_index(unique=True)
        ),
        migrations.AlterField(
            model_name="otpchallenge", name="phone_index", field=_index(db_index=True)
        ),
        migrations.AlterField(model_name="phonelock", name="phone_index", field=_index(unique=True)),
    ]
