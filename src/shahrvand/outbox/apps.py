from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "shahrvand.outbox"
    label = "outbox"
    verbose_name = "رویدادها"
