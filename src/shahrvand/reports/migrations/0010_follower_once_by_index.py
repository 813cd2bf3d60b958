"""Separate from 0009 so PostgreSQL alters the table outside the data migration's transaction."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("reports", "0009_encrypt_phones")]

    operations = [
        migrations.AddConstraint(
            model_name="reportfollower",
            constraint=models.UniqueConstraint(
                fields=("report", "phone_index"), name="follower_once_per_report"
            ),
        ),
    ]
