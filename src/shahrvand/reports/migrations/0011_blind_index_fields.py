"""The phone indexes become BlindIndexField (computed on save and bulk insert, as in the
other apps); the column and its index stay as they are."""

import shahrvand.security.fields
from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0010_follower_once_by_index'),
    ]

    operations = [
        migrations.AlterField(
            model_name='report',
            name='reporter_phone_index',
            field=shahrvand.security.fields.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64, source='reporter_phone'),
        ),
        migrations.AlterField(
            model_name='reportfollower',
            name='phone_index',
            field=shahrvand.security.fields.BlindIndexField(blank=True, db_index=True, editable=False, max_length=64, source='phone'),
        ),
    ]
