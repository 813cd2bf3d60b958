import datetime as dt

from django.db import migrations
from django.utils import timezone


def seed_templates(apps, schema_editor):
    from shahrvand.notifications.defaults import DEFAULTS

    template = apps.get_model("notifications", "MessageTemplate")
    for (key, channel), wordings in DEFAULTS.items():
        for language, wording in wordings.items():
            template.objects.get_or_create(
                key=key,
                channel=channel,
                language=language,
                defaults={"subject": wording.subject, "body": wording.body},
            )


def mark_past_events(apps, schema_editor):
    """Events already in the outbox when notifications are installed are not announced."""
    event = apps.get_model("outbox", "OutboxEvent")
    handled = apps.get_model("notifications", "HandledEvent")
    recent = event.objects.filter(created_at__gte=timezone.now() - dt.timedelta(days=3))
    handled.objects.bulk_create(
        [handled(event_id=pk) for pk in recent.values_list("pk", flat=True).iterator()],
        batch_size=1000,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0001_initial"),
        ("outbox", "0002_alter_outboxevent_type"),
    ]
    operations = [
        migrations.RunPython(seed_templates, migrations.RunPython.noop),
        migrations.RunPython(mark_past_events, migrations.RunPython.noop),
    ]
