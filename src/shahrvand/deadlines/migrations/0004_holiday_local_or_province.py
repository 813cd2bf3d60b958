from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('deadlines', '0003_holiday_province_rows'),
    ]

    operations = [
        migrations.AddConstraint(
            model_name='holiday',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('municipality__isnull', False), ('province', '')), models.Q(('municipality__isnull', True), models.Q(('province', ''), _negated=True)), _connector='OR'), name='holiday_local_or_province'),
        ),
        migrations.AddConstraint(
            model_name='holiday',
            constraint=models.UniqueConstraint(condition=models.Q(('municipality__isnull', False)), fields=('municipality', 'date'), name='holiday_once_per_day'),
        ),
        migrations.AddConstraint(
            model_name='holiday',
            constraint=models.UniqueConstraint(condition=models.Q(('municipality__isnull', True)), fields=('province', 'date'), name='holiday_once_per_day_province'),
        ),
    ]
