"""Message recipients and inbound SMS senders (citizens' numbers) encrypted at rest, with
a blind index for the reply look-up; the unique dedupe keys of event messages carry the
recipient's index instead of the address. Existing rows are rewritten in place."""

from django.conf import settings
from django.db import migrations, models

import shahrvand.security.fields
from shahrvand.security.pii import blind_index


def encrypt_existing(apps, schema_editor):
    Message = apps.get_model("notifications", "Message")
    InboundSms = apps.get_model("notifications", "InboundSms")
    # Reads return legacy clear values unchanged; update() encrypts through the field.
    rows = Message.objects.values_list("pk", "recipient", "dedupe_key", "event_id", "channel")
    for pk, recipient, key, event_id, channel in rows.iterator():
        index = blind_index(recipient)
        if event_id is not None and key == f"{event_id}:{channel}:{recipient}":
            key = f"{event_id}:{channel}:{index}"
        Message.objects.filter(pk=pk).update(
            recipient=recipient, recipient_index=index, dedupe_key=key
        )
    for pk, sender in InboundSms.objects.values_list("pk", "sender").iterator():
        InboundSms.objects.filter(pk=pk).update(sender=sender)


class Migration(migrations.Migration):

    dependencies = [
        ('notifications', '0002_seed_templates_and_mark_past_events'),
        ('reports', '0010_follower_once_by_index'),
        ('tenancy', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name='message',
            name='notificatio_recipie_812ece_idx',
        ),
        migrations.AddField(
            model_name='message',
            name='recipient_index',
            field=shahrvand.security.fields.BlindIndexField(blank=True, editable=False, max_length=64, source='recipient'),
        ),
        migrations.AlterField(
            model_name='inboundsms',
            name='sender',
            field=shahrvand.security.fields.EncryptedTextField(),
        ),
        migrations.AlterField(
            model_name='message',
            name='recipient',
            field=shahrvand.security.fields.EncryptedTextField(help_text='mobile number, email or user:<id>'),
        ),
        migrations.AddIndex(
            model_name='message',
            index=models.Index(fields=['recipient_index', 'template_key', '-created_at'], name='notificatio_recipie_afb585_idx'),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
