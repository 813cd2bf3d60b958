"""Phone numbers encrypted at rest with a blind index for look-ups; the reporter's
anonymisation date. Existing rows are encrypted and indexed in place."""

from django.db import migrations, models

import shahrvand.security.fields
from shahrvand.security.pii import blind_index


def encrypt_existing(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    Follower = apps.get_model("reports", "ReportFollower")
    # Reads return legacy clear values unchanged; update() encrypts through the field.
    for pk, phone in Report.objects.exclude(reporter_phone="").values_list("pk", "reporter_phone"):
        Report.objects.filter(pk=pk).update(
            reporter_phone=phone, reporter_phone_index=blind_index(phone)
        )
    for pk, phone in Follower.objects.values_list("pk", "phone"):
        Follower.objects.filter(pk=pk).update(phone=phone, phone_index=blind_index(phone))


class Migration(migrations.Migration):
    dependencies = [("reports", "0008_personal_data_access")]

    operations = [
        migrations.RemoveConstraint(model_name="reportfollower", name="follower_once_per_report"),
        migrations.AddField(
            model_name="report",
            name="reporter_phone_index",
            field=models.CharField(blank=True, db_index=True, max_length=64),
        ),
        migrations.AddField(
            model_name="report",
            name="reporter_anonymised_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="reportfollower",
            name="phone_index",
            field=models.CharField(db_index=True, default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="report",
            name="reporter_phone",
            field=shahrvand.security.fields.EncryptedTextField(blank=True, default=""),
        ),
        migrations.AlterField(
            model_name="reportfollower",
            name="phone",
            field=shahrvand.security.fields.EncryptedTextField(),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
