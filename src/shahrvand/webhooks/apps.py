from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "shahrvand.webhooks"
    label = "webhooks"
    verbose_name = "وب‌هوک‌ها"

    def ready(self) -> None:
        from shahrvand.outbox.publish import on_commit_kick

        from .tasks import kick

        on_commit_kick(kick)
