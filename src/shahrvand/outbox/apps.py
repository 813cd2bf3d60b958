from django.apps import AppConfig


class OutboxConfig(AppConfig):
    name = "shahrvand.outbox"
    label = "outbox"
    verbose_name = "رویدادها"

    def ready(self) -> None:
        from shahrvand.ops.metrics import register_gauge

        from .models import OutboxEvent

        register_gauge(
            "shahrvand_outbox_pending",
            "Outbox events not yet handed to every consumer.",
            lambda: OutboxEvent.objects.filter(dispatched_at__isnull=True).count(),
        )
